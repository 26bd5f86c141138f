package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.jobs.SparkTestSession;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Which events become alerts and why, on a batch of events (the logic alone, no Kafka). */
class ErrorAlertsJobTest {
  private static final StructType EVENTS =
      new StructType()
          .add("timestamp", DataTypes.TimestampType)
          .add("clientIp", DataTypes.StringType)
          .add("method", DataTypes.StringType)
          .add("endpoint", DataTypes.StringType)
          .add("status", DataTypes.IntegerType)
          .add("referrer", DataTypes.StringType)
          .add("userAgent", DataTypes.StringType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType);

  private final SparkSession spark = SparkTestSession.get();

  private static Row event(
      long offset, String endpoint, int status, String referrer, String userAgent) {
    return RowFactory.create(
        Timestamp.valueOf("2016-12-26 14:16:29"),
        "10.0.0." + offset,
        "GET",
        endpoint,
        status,
        referrer,
        userAgent,
        "access-logs",
        1,
        offset);
  }

  private Dataset<Row> events() {
    return spark.createDataFrame(
        List.of(
            event(0, "/index.html", 200, null, "curl"),
            event(1, "/index.html", 500, null, "curl"),
            event(2, "/wp-login.php", 404, null, "curl"),
            event(3, "/index.html", 200, "http://evil.example/WP-LOGIN", "curl"),
            event(4, "/index.html", 200, null, "sqlmap/1.0"),
            event(5, "/wp-login.php", 503, null, "sqlmap/1.0"),
            event(6, null, 499, null, null),
            event(7, "/index.html", 599, null, null)),
        EVENTS);
  }

  /** {@code offset reason} per alert, in offset order. */
  private static List<String> reasons(Dataset<Row> alerts) {
    return alerts.orderBy("sourceOffset").collectAsList().stream()
        .map(r -> r.getAs("sourceOffset") + " " + r.getAs("reason"))
        .collect(Collectors.toList());
  }

  @Test
  void shouldAlertOnStatus500AndAboveOnlyByDefault() {
    assertThat(reasons(ErrorAlertsJob.alerts(events(), true, null)))
        .containsExactly("1 server-error", "5 server-error", "7 server-error");
  }

  @Test
  void shouldNameTheFirstMatchedFieldAndPreferServerErrors() {
    assertThat(reasons(ErrorAlertsJob.alerts(events(), true, "(?i)wp-login|sqlmap")))
        .containsExactly(
            "1 server-error",
            "2 match:endpoint",
            "3 match:referrer",
            "4 match:userAgent",
            "5 server-error",
            "7 server-error");
  }

  @Test
  void shouldMatchCaseSensitivelyAnywhereInTheFieldWithoutServerErrors() {
    assertThat(reasons(ErrorAlertsJob.alerts(events(), false, "wp-login")))
        .containsExactly("2 match:endpoint", "5 match:endpoint");
  }

  @Test
  void shouldCarryTheEventAndItsProvenance() {
    Row alert = ErrorAlertsJob.alerts(events(), true, null).orderBy("sourceOffset").first();

    assertThat(alert.schema().fieldNames())
        .containsExactly(
            "timestamp",
            "clientIp",
            "method",
            "endpoint",
            "status",
            "reason",
            "sourceTopic",
            "sourcePartition",
            "sourceOffset");
    assertThat(alert.<Timestamp>getAs("timestamp"))
        .isEqualTo(Timestamp.valueOf("2016-12-26 14:16:29"));
    assertThat(alert.<String>getAs("clientIp")).isEqualTo("10.0.0.1");
    assertThat(alert.<String>getAs("method")).isEqualTo("GET");
    assertThat(alert.<String>getAs("endpoint")).isEqualTo("/index.html");
    assertThat(alert.<Integer>getAs("status")).isEqualTo(500);
    assertThat(alert.<String>getAs("sourceTopic")).isEqualTo("access-logs");
    assertThat(alert.<Integer>getAs("sourcePartition")).isEqualTo(1);
    assertThat(alert.<Long>getAs("sourceOffset")).isEqualTo(1L);
  }

  @Test
  void shouldRefuseToAlertOnNothing() {
    assertThatThrownBy(() -> ErrorAlertsJob.alerts(events(), false, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
