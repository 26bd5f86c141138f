package io.kspipeline.benchmarks;

import io.kspipeline.core.hashtags.HashtagExtractor;
import io.kspipeline.core.hashtags.HashtagKeys;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Nanoseconds per tweet text: finding hashtags, and finding them plus their counting keys. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashtagExtractionBenchmark {
  private static final String[] TEXTS = {
    "Loving the new release of #ApacheKafka and #SparkStreaming — details at"
        + " https://example.com/blog/release#notes",
    "No hashtags in this one, just a plain sentence about streaming pipelines and backpressure.",
    "今日は #ラーメン と ＃日本語 の勉強 #東京",
    "RT @someone: it&#39;s #1 on the list of #DataEngineering tools 😀#happy",
    "مرحبا #مصر اليوم و #القاهرة",
    "Привет #Москва! #СПб",
    "आज #क्रिकेट मैच है #भारत",
    "#a#b #http://x.y #2024 #2024Olympics",
  };

  @Benchmark
  @OperationsPerInvocation(8)
  public void extract(Blackhole sink) {
    for (String text : TEXTS) {
      sink.consume(HashtagExtractor.extract(text));
    }
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public void extractAndKey(Blackhole sink) {
    for (String text : TEXTS) {
      for (String hashtag : HashtagExtractor.extract(text)) {
        sink.consume(HashtagKeys.key(hashtag));
      }
    }
  }
}
