package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkDefaultsTest {
  @Test
  void shouldKeepTenTimesSparksCompiledClassesAndUtcUnlessTheUserSetThem() {
    SparkConf conf = new SparkConf(false);

    SparkDefaults.applyTo(conf);

    assertThat(conf.get("spark.sql.codegen.cache.maxEntries")).isEqualTo("1000");
    assertThat(conf.get("spark.sql.session.timeZone")).isEqualTo("UTC");
  }

  @Test
  void shouldLeaveWhatTheUserSet() {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.sql.codegen.cache.maxEntries", "50")
            .set("spark.sql.session.timeZone", "Europe/Paris");

    SparkDefaults.applyTo(conf);

    assertThat(conf.get("spark.sql.codegen.cache.maxEntries")).isEqualTo("50");
    assertThat(conf.get("spark.sql.session.timeZone")).isEqualTo("Europe/Paris");
  }
}
