package io.kspipeline.schemas;

import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.avro.RankEntry;
import io.kspipeline.schemas.avro.Ranking;
import io.kspipeline.schemas.avro.StatusCount;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import io.kspipeline.schemas.avro.WebAction;
import io.kspipeline.schemas.avro.WindowedCount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in record of every schema, for round-trip tests. */
public final class SampleRecords {
  public static final Instant T = Instant.parse("2016-12-26T14:16:29Z");

  private SampleRecords() {}

  public static AccessLogEvent accessLogEvent() {
    return AccessLogEvent.newBuilder()
        .setVirtualHost("www.example.com:443")
        .setClientIp("2001:db8::1")
        .setIdent(null)
        .setUserId("frank")
        .setTimestamp(T)
        .setMethod("GET")
        .setEndpoint("/search?q=caf%C3%A9")
        .setProtocol("HTTP/1.1")
        .setStatus(200)
        .setContentSize(2326L)
        .setReferrer("https://example.com/")
        .setUserAgent("Mozilla/5.0 \"quoted\"")
        .build();
  }

  public static List<SpecificRecord> everySchema() {
    return List.of(
        accessLogEvent(),
        Tweet.newBuilder()
            .setId("1069301823938183168")
            .setCreatedAt(T)
            .setText("Streaming all the things #Kafka #Spark ＃日本語")
            .setLang("en")
            .setUserName("stream_fan")
            .setHashtags(List.of("Kafka", "Spark", "日本語"))
            .setSource(TweetSource.V1_1)
            .build(),
        WebAction.newBuilder().setAction("Open").setTime(T).setUserId(null).build(),
        WindowedCount.newBuilder()
            .setWindowStart(T)
            .setWindowEnd(T.plusSeconds(30))
            .setKey("/index.html")
            .setCount(42L)
            .build(),
        Ranking.newBuilder()
            .setWindowStart(T)
            .setWindowEnd(T.plusSeconds(300))
            .setEntries(List.of(new RankEntry(1, "kafka", 10L), new RankEntry(2, "spark", 7L)))
            .build(),
        StatusCount.newBuilder().setStatus(404).setCount(3L).build(),
        DeadLetter.newBuilder()
            .setSourceTopic("access-logs-raw")
            .setSourcePartition(1)
            .setSourceOffset(12345L)
            .setSourceLocation(null)
            .setRecordTimestamp(T)
            .setStage("status-counts")
            .setErrorClass("AccessLogParseException")
            .setErrorMessage("bad status at column 57")
            .setPayload(ByteBuffer.wrap("garbage\u0000\u00ff".getBytes(StandardCharsets.UTF_8)))
            .build());
  }
}
