package io.kspipeline.producer.source;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded synthetic web traffic in Combined Log Format: Zipf-distributed endpoints, a realistic
 * status mix with occasional bursts of server errors, a share of IPv6 clients, and a few malformed
 * lines (which a producer must dead-letter). The same seed gives the same lines; event times
 * advance by {@code 1 / eventsPerSecond} from the start time.
 */
public final class GeneratedAccessLogs extends GeneratedLines {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String[] SECTIONS = {
    "",
    "products",
    "blog",
    "api/v1/items",
    "static/js",
    "static/css",
    "docs",
    "search",
    "cart",
    "account"
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "curl/8.5.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)"
  };

  private final SplittableRandom random;
  private final ZipfSampler endpoints;
  private final String[] endpointNames;
  private long burstUntil = -1;

  /**
   * @param count lines to generate, or -1 for no end
   * @param eventsPerSecond spacing of the event times (not the send rate)
   */
  public GeneratedAccessLogs(long seed, long count, Instant start, double eventsPerSecond) {
    super(count, start, eventsPerSecond);
    this.random = new SplittableRandom(seed);
    this.endpointNames = new String[500];
    for (int i = 0; i < endpointNames.length; i++) {
      String section = SECTIONS[i % SECTIONS.length];
      endpointNames[i] =
          i == 0 ? "/" : "/" + (section.isEmpty() ? "" : section + "/") + "page-" + i;
    }
    this.endpoints = new ZipfSampler(endpointNames.length, 1.1);
  }

  @Override
  String line(long n, Instant time) {
    String client = client();
    String stamp = CLF.format(time);
    if (random.nextInt(1000) < 3) {
      return malformed(client, stamp);
    }
    String endpoint = endpointNames[endpoints.sample(random)];
    String method = endpoint.startsWith("/api") && random.nextInt(4) == 0 ? "POST" : "GET";
    int status = status(n);
    String size =
        status == 304 || status == 204 ? "-" : Integer.toString(200 + random.nextInt(50_000));
    String referrer = random.nextInt(3) == 0 ? "\"https://www.example.com/\"" : "\"-\"";
    return client
        + " - "
        + (random.nextInt(20) == 0 ? "alice" : "-")
        + " ["
        + stamp
        + "] \""
        + method
        + " "
        + endpoint
        + " HTTP/1.1\" "
        + status
        + " "
        + size
        + " "
        + referrer
        + " \""
        + AGENTS[random.nextInt(AGENTS.length)]
        + "\"";
  }

  private int status(long n) {
    if (burstUntil < 0 && random.nextInt(20_000) == 0) {
      burstUntil = n + 200 + random.nextInt(800); // an outage: mostly 5xx for a while
    }
    if (burstUntil >= n) {
      int roll = random.nextInt(10);
      return roll < 6 ? 503 : roll < 8 ? 500 : 200;
    }
    burstUntil = -1;
    int roll = random.nextInt(1000);
    if (roll < 820) return 200;
    if (roll < 880) return 304;
    if (roll < 910) return 301;
    if (roll < 960) return 404;
    if (roll < 970) return 403;
    if (roll < 980) return 400;
    if (roll < 985) return 204;
    if (roll < 995) return 500;
    return 503;
  }

  private String client() {
    if (random.nextInt(100) < 15) {
      return String.format(
          Locale.ROOT, "2001:db8:%x::%x", random.nextInt(0x100), 1 + random.nextInt(0xffff));
    }
    return (10 + random.nextInt(200))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private String malformed(String client, String stamp) {
    return switch (random.nextInt(3)) {
      case 0 -> client + " - - [" + stamp + "] \"-\" 408 -"; // valid: a timed-out connection
      case 1 -> client + " - - [" + stamp + "] \"GET /truncated";
      default -> "\u0016\u0003\u0001 garbage from a TLS client";
    };
  }
}
