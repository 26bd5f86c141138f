package io.kspipeline.core.logs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/** Random but valid access-log records, and the Combined/Common lines a server would write. */
final class RandomAccessLogs {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss xx", Locale.ENGLISH);
  private static final String[] METHODS = {"GET", "POST", "HEAD", "PROPFIND", "M-SEARCH", "PURGE"};
  private static final String[] PROTOCOLS = {"HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/3"};
  private static final String PATH_CHARS = "abcxyz019/-._~%?&=+;:@!$'()*,\"\\äß日😀";
  private static final String TEXT_CHARS = "abcXYZ09 ()/;.,:=-_\"\\[]{}'é中😀\t";
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

  private final Random random;

  RandomAccessLogs(Random random) {
    this.random = random;
  }

  AccessLogRecord record() {
    boolean hasRequest = random.nextInt(10) > 0;
    String method = hasRequest ? pick(METHODS) : null;
    return new AccessLogRecord(
        maybe(this::virtualHost),
        client(),
        maybe(() -> word(NAME_CHARS, 1 + random.nextInt(8))),
        maybe(() -> word(NAME_CHARS + "@._", 1 + random.nextInt(12))),
        Instant.ofEpochSecond((long) (random.nextDouble() * YEAR_2100)),
        method,
        hasRequest ? "/" + word(PATH_CHARS, random.nextInt(30)) : null,
        hasRequest && random.nextInt(8) > 0 ? pick(PROTOCOLS) : null,
        100 + random.nextInt(500),
        random.nextInt(5) == 0 ? null : (long) (random.nextDouble() * 1e12),
        maybe(this::text),
        maybe(this::text));
  }

  /** A Combined line, or a Common line when there is neither referrer nor agent half the time. */
  String line(AccessLogRecord r) {
    StringBuilder line = new StringBuilder();
    if (r.virtualHost() != null) {
      line.append(r.virtualHost()).append(' ');
    }
    line.append(r.clientIp())
        .append(' ')
        .append(dash(r.ident()))
        .append(' ')
        .append(dash(r.userId()))
        .append(" [")
        .append(CLF.format(OffsetDateTime.ofInstant(r.timestamp(), offset())))
        .append("] ");
    quoted(line, request(r));
    line.append(' ').append(r.status()).append(' ').append(dash(r.contentSize()));
    boolean common = r.referrer() == null && r.userAgent() == null && random.nextBoolean();
    if (!common) {
      line.append(' ');
      quoted(line, dash(r.referrer()));
      line.append(' ');
      quoted(line, dash(r.userAgent()));
    }
    return line.toString();
  }

  private static String request(AccessLogRecord r) {
    if (r.method() == null) {
      return "-";
    }
    return r.method() + " " + r.endpoint() + (r.protocol() == null ? "" : " " + r.protocol());
  }

  private static void quoted(StringBuilder line, String value) {
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\');
      }
      line.append(c);
    }
    line.append('"');
  }

  private static String dash(Object value) {
    return value == null ? "-" : value.toString();
  }

  private ZoneOffset offset() {
    return ZoneOffset.ofTotalSeconds((random.nextInt(14 * 4 * 2 + 1) - 56) * 900);
  }

  private String virtualHost() {
    String host = word(NAME_CHARS, 1 + random.nextInt(10)) + ".example";
    return random.nextBoolean() ? host : host + ":" + random.nextInt(65536);
  }

  private String client() {
    return switch (random.nextInt(3)) {
      case 0 ->
          random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256);
      case 1 ->
          random.nextBoolean()
              ? "2001:db8::" + Integer.toHexString(random.nextInt(65536))
              : "::ffff:10.0.0." + random.nextInt(256);
      default -> word(NAME_CHARS, 1 + random.nextInt(10)) + ".example.net";
    };
  }

  /** Free text; never exactly "-", which a log would mean as absent. */
  private String text() {
    String text = word(TEXT_CHARS, random.nextInt(40));
    return text.equals("-") ? "--" : text;
  }

  String word(String alphabet, int length) {
    StringBuilder word = new StringBuilder();
    int[] codePoints = alphabet.codePoints().toArray();
    for (int i = 0; i < length; i++) {
      word.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return word.toString();
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T maybe(java.util.function.Supplier<T> value) {
    return random.nextInt(3) == 0 ? null : value.get();
  }
}
