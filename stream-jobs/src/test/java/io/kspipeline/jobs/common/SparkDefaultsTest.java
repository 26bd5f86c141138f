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

  @Test
  void shouldNotWaitForLocalityInOneJvmOnly() {
    SparkConf local = new SparkConf(false).setMaster("local[2]");
    SparkConf cluster = new SparkConf(false).setMaster("yarn");
    SparkConf chosen = new SparkConf(false).setMaster("local[*]").set("spark.locality.wait", "1s");

    SparkDefaults.applyTo(local);
    SparkDefaults.applyTo(cluster);
    SparkDefaults.applyTo(chosen);

    assertThat(local.get("spark.locality.wait")).isEqualTo("0s");
    assertThat(cluster.contains("spark.locality.wait")).isFalse();
    assertThat(chosen.get("spark.locality.wait")).isEqualTo("1s");
  }
}
