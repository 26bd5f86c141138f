package io.kspipeline.deploy;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The input and expected output of a status-counts run by the tests that submit the job jar. */
final class StatusCountsRun {
  /** What {@link #input()} counts to: hits per HTTP status. */
  static final Map<Integer, Long> EXPECTED_COUNTS = Map.of(200, 5L, 404, 3L, 500, 2L);

  private StatusCountsRun() {}

  /** Access log lines with the {@link #EXPECTED_COUNTS} and one line for the dead letter topic. */
  static List<String> input() {
    List<String> lines = new ArrayList<>();
    lines.addAll(Collections.nCopies(5, line(200)));
    lines.addAll(Collections.nCopies(3, line(404)));
    lines.addAll(Collections.nCopies(2, line(500)));
    lines.add("not an access log line");
    return lines;
  }

  private static String line(int status) {
    return "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET /index.html HTTP/1.1\" "
        + status
        + " 512 \"-\" \"curl/7.50\"";
  }

  /** What a compacted topic keeps: the last {"status":S,"hits":N} of each key. */
  static Map<Integer, Long> latestCounts(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<Integer, Long> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String json = new String(record.value(), StandardCharsets.UTF_8);
      long hits = Long.parseLong(json.replaceAll(".*\"count\":(\\d+).*", "$1"));
      latest.put(Integer.parseInt(new String(record.key(), StandardCharsets.UTF_8)), hits);
    }
    return latest;
  }

  /**
   * The H2 jar these runs' result database needs: the job jar bundles no JDBC driver, so the runs
   * hand it to spark-submit ({@code --jars}) as a user hands over theirs.
   */
  static Path h2Jar() {
    try {
      return Path.of(
          org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<Integer, Long> tableCounts(String url) throws SQLException {
    Map<Integer, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT status, hits FROM status_counts")) {
      while (rows.next()) {
        counts.put(rows.getInt(1), rows.getLong(2));
      }
    }
    return counts;
  }
}
