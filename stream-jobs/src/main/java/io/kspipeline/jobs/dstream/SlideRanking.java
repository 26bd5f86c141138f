package io.kspipeline.jobs.dstream;

import io.kspipeline.schemas.avro.RankEntry;
import io.kspipeline.schemas.avro.Ranking;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * One slide's top N as popular-hashtags writes it: a {@link Ranking} keyed by its window (as the
 * Structured jobs key rankings, {@code 2024-01-01T00:00:00Z/2024-01-01T00:05:00Z}), table rows
 * {@code (slide_time, rank, hashtag, hits)} and console lines.
 *
 * @param top hashtag key and count, best first
 */
record SlideRanking(long windowStart, long windowEnd, List<Tuple2<String, Long>> top) {
  private static final DateTimeFormatter KEY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  boolean isEmpty() {
    return top.isEmpty();
  }

  String key() {
    return KEY_TIME.format(Instant.ofEpochMilli(windowStart))
        + "/"
        + KEY_TIME.format(Instant.ofEpochMilli(windowEnd));
  }

  Ranking ranking() {
    List<RankEntry> entries = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      entries.add(new RankEntry(i + 1, top.get(i)._1(), top.get(i)._2()));
    }
    return new Ranking(Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd), entries);
  }

  /** Rows of popular_hashtags: the slide time is the window's end. */
  List<Row> rows(TableRows table) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      rows.add(table.of(new Timestamp(windowEnd), i + 1, top.get(i)._1(), top.get(i)._2()));
    }
    return rows;
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      lines.add(String.format("#%-3d %-30s %d", i + 1, top.get(i)._1(), top.get(i)._2()));
    }
    return lines;
  }
}
