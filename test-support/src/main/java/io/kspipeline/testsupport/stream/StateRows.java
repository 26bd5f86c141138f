package io.kspipeline.testsupport.stream;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.io.LZ4CompressionCodec;

/**
 * How many rows a query's state holds in each partition, read from its (local) checkpoint: the
 * operator's latest snapshot per partition replayed with the deltas after it. This is what shows
 * whether a stateful job spreads its state over {@code spark.sql.shuffle.partitions} or piles it
 * into one task. Reads the default state store's files (HDFS-backed, LZ4, Spark 3.5 layout): each
 * record is a key's length and bytes, then the value's length and bytes, length -1 for a removed
 * key, and a final -1.
 */
public final class StateRows {
  private StateRows() {}

  /**
   * @param queryCheckpoint the query's checkpoint location (holding {@code state/})
   * @param operator the stateful operator's id (0 for a query's first)
   * @return partition → rows held after the latest committed version
   */
  public static Map<Integer, Long> perPartition(String queryCheckpoint, int operator)
      throws IOException {
    Path operatorDir = Path.of(queryCheckpoint, "state", Integer.toString(operator));
    Map<Integer, Long> rows = new TreeMap<>();
    if (!Files.isDirectory(operatorDir)) {
      return rows;
    }
    for (Path partition : list(operatorDir)) {
      if (Files.isDirectory(partition) && partition.getFileName().toString().matches("\\d+")) {
        rows.put(Integer.parseInt(partition.getFileName().toString()), rowsOf(partition));
      }
    }
    return rows;
  }

  private static long rowsOf(Path partition) throws IOException {
    TreeMap<Long, Path> deltas = new TreeMap<>();
    TreeMap<Long, Path> snapshots = new TreeMap<>();
    for (Path file : list(partition)) {
      String name = file.getFileName().toString();
      if (name.matches("\\d+\\.delta")) {
        deltas.put(Long.parseLong(name.substring(0, name.indexOf('.'))), file);
      } else if (name.matches("\\d+\\.snapshot")) {
        snapshots.put(Long.parseLong(name.substring(0, name.indexOf('.'))), file);
      }
    }
    Map<ByteBuffer, Boolean> keys = new HashMap<>();
    long from = 1;
    if (!snapshots.isEmpty()) {
      Map.Entry<Long, Path> snapshot = snapshots.lastEntry();
      replay(snapshot.getValue(), keys);
      from = snapshot.getKey() + 1;
    }
    for (Path delta : deltas.tailMap(from, true).values()) {
      replay(delta, keys);
    }
    return keys.size();
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static void replay(Path file, Map<ByteBuffer, Boolean> keys) throws IOException {
    LZ4CompressionCodec codec = new LZ4CompressionCodec(new SparkConf(false));
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(codec.compressedInputStream(raw))) {
      while (true) {
        int keySize;
        try {
          keySize = in.readInt();
        } catch (EOFException e) {
          throw new IOException(file + " ends without its end marker", e);
        }
        if (keySize == -1) {
          return;
        }
        byte[] key = new byte[keySize];
        in.readFully(key);
        int valueSize = in.readInt();
        if (valueSize < 0) {
          keys.remove(ByteBuffer.wrap(key));
        } else {
          in.skipBytes(valueSize);
          keys.put(ByteBuffer.wrap(key), Boolean.TRUE);
        }
      }
    }
  }
}
