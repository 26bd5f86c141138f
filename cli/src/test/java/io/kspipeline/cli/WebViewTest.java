package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.cli.LiveSnapshot.Entry;
import io.kspipeline.cli.LiveSnapshot.JobFlow;
import io.kspipeline.cli.LiveSnapshot.WindowEntries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebViewTest {
  private static final Instant AT = Instant.parse("2024-05-01T12:00:40Z");

  @Test
  void shouldServeTheSnapshotWithEachJobsHistory() throws Exception {
    try (WebView web = WebView.start(0)) {
      web.show(snapshot(12.5, 3));
      web.show(snapshot(20, -1));

      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + web.port() + "/api/snapshot"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();

      // What the page and DemoWebIT read stays as it was.
      assertThat(body).contains("\"statusCounts\":[{\"key\":\"200\",\"hits\":90}]");
      assertThat(body)
          .contains(
              "\"actionCounts\":{\"windowStart\":\"2024-05-01T12:00:00Z\","
                  + "\"windowEnd\":\"2024-05-01T13:00:00Z\",\"entries\":[{\"key\":\"Open\",\"hits\":4}]}")
          .contains("\"recentAlerts\":[\"2024-05-01T12:00:39Z 503 GET / 10.0.0.1 server-error\"]");
      JsonNode json = new ObjectMapper().readTree(body);
      assertThat(json.get("at").asText()).isEqualTo("2024-05-01T12:00:40Z");
      JsonNode history = json.get("flowHistory");
      assertThat(history).hasSize(1);
      assertThat(history.get(0).get("job").asText()).isEqualTo("status-counts");
      JsonNode samples = history.get(0).get("samples");
      assertThat(samples).hasSize(2);
      assertThat(samples.get(0).get("recordsPerSecond").asDouble()).isEqualTo(12.5);
      assertThat(samples.get(0).get("lag").asLong()).isEqualTo(3);
      assertThat(samples.get(1).get("lag").asLong()).isEqualTo(-1);
      assertThat(samples.get(1).get("t").asLong())
          .isGreaterThanOrEqualTo(samples.get(0).get("t").asLong());
    }
  }

  private static LiveSnapshot snapshot(double rate, long lag) {
    return new LiveSnapshot(
        AT,
        null,
        null,
        List.of(),
        List.of(new Entry("200", 90)),
        null,
        List.of(),
        new WindowEntries(
            Instant.parse("2024-05-01T12:00:00Z"),
            Instant.parse("2024-05-01T13:00:00Z"),
            List.of(new Entry("Open", 4))),
        List.of(),
        List.of("2024-05-01T12:00:39Z 503 GET / 10.0.0.1 server-error"),
        List.of(new JobFlow("status-counts", "access-logs", rate, lag)),
        List.of());
  }
}
