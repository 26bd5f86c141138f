package io.kspipeline.benchmarks;

import java.util.Random;

/**
 * A realistic, reproducible mix of access-log lines: mostly Combined with browser and bot agents,
 * some Common, some behind a virtual host, IPv6 clients, 4xx/5xx, timeouts without a request, TLS
 * garbage, and an agent with escaped quotes.
 */
public final class SampleLines {
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "curl/8.4.0",
    "kube-probe/1.29",
    "-"
  };
  private static final String[] ENDPOINTS = {
    "/",
    "/index.html",
    "/static/app.3f9a1c.js",
    "/static/style.css",
    "/api/v1/items?page=2&size=50",
    "/api/v1/search?q=kafka+streams",
    "/products/1234/reviews",
    "/favicon.ico",
    "/robots.txt",
    "/cart/checkout",
    "/wp-login.php",
    "/images/banner%20large.png"
  };
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "HEAD", "PUT"};
  private static final String[] PROTOCOLS = {"HTTP/1.1", "HTTP/1.1", "HTTP/2.0", "HTTP/1.0"};
  private static final int[] STATUSES = {200, 200, 200, 200, 200, 304, 301, 404, 403, 500, 502};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final String[] OFFSETS = {"+0000", "+0000", "+0100", "-0700", "+0530"};

  private SampleLines() {}

  public static String[] generate(int count, long seed) {
    Random random = new Random(seed);
    String[] lines = new String[count];
    for (int i = 0; i < count; i++) {
      lines[i] = line(random);
    }
    return lines;
  }

  private static String line(Random random) {
    int kind = random.nextInt(100);
    StringBuilder line = new StringBuilder(256);
    if (kind >= 80 && kind < 90) {
      line.append("www.example.com").append(random.nextBoolean() ? ":443 " : " ");
    }
    line.append(
        kind >= 90 && kind < 95
            ? "2001:db8::" + Integer.toHexString(random.nextInt(65536))
            : "203.0." + random.nextInt(256) + "." + random.nextInt(256));
    line.append(random.nextInt(20) == 0 ? " - alice [" : " - - [");
    line.append(
        String.format(
            "%02d/%s/20%02d:%02d:%02d:%02d %s",
            1 + random.nextInt(28),
            MONTHS[random.nextInt(12)],
            15 + random.nextInt(10),
            random.nextInt(24),
            random.nextInt(60),
            random.nextInt(60),
            OFFSETS[random.nextInt(OFFSETS.length)]));
    line.append("] ");
    if (kind >= 95 && kind < 97) {
      return line.append("\"-\" 408 -").toString();
    }
    if (kind >= 97) {
      return line.append("\"\\x16\\x03\\x01\\x02\\x00\\x01\\x00\" 400 226 \"-\" \"-\"").toString();
    }
    line.append('"')
        .append(pick(random, METHODS))
        .append(' ')
        .append(pick(random, ENDPOINTS))
        .append(' ')
        .append(pick(random, PROTOCOLS))
        .append("\" ")
        .append(STATUSES[random.nextInt(STATUSES.length)])
        .append(' ')
        .append(random.nextInt(8) == 0 ? "-" : String.valueOf(random.nextInt(200_000)));
    if (kind < 10) {
      return line.toString(); // Common
    }
    line.append(random.nextInt(3) == 0 ? " \"-\" \"" : " \"https://www.example.com/start\" \"");
    line.append(kind == 10 ? "agent with \\\"quotes\\\"" : pick(random, AGENTS)).append('"');
    return line.toString();
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
