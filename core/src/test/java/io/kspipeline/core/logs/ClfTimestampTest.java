package io.kspipeline.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClfTimestampTest {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss xx", Locale.ENGLISH);

  private static long parse(String text) {
    LineScanner in = new LineScanner("[" + text + "]");
    assertThat(in.takeBracketed("timestamp")).isTrue();
    return ClfTimestamp.epochSecond(in);
  }

  @Test
  void shouldAgreeWithJavaTimeOnRandomInstantsAndOffsets() {
    Random random = new Random(20161226L);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong() % 200_000_000_000L);
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(18 * 4 * 2 + 1) - 72) * 900);
      OffsetDateTime local = instant.atOffset(offset);
      if (local.getYear() < 0 || local.getYear() > 9999) {
        continue;
      }
      String text = CLF.format(local);

      assertThat(parse(text)).as(text).isEqualTo(instant.getEpochSecond());
    }
  }

  @Test
  void shouldCountDaysLikeLocalDate() {
    for (LocalDate day = LocalDate.of(1600, 1, 1);
        day.isBefore(LocalDate.of(2500, 1, 1));
        day = day.plusDays(1)) {
      assertThat(ClfTimestamp.epochDay(day.getYear(), day.getMonthValue(), day.getDayOfMonth()))
          .isEqualTo(day.toEpochDay());
    }
  }

  @Test
  void shouldKnowEveryEnglishMonthAbbreviationAndNothingElse() {
    String[] months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    for (int m = 0; m < 12; m++) {
      assertThat(ClfTimestamp.month(months[m], 0)).isEqualTo(m + 1);
      assertThat(ClfTimestamp.month(months[m].toUpperCase(Locale.ROOT), 0)).isZero();
    }
    for (String other : new String[] {"Jum", "Jux", "Maz", "Aux", "Mai", "Okt", "Dez", "xyz"}) {
      assertThat(ClfTimestamp.month(other, 0)).as(other).isZero();
    }
  }

  @Test
  void shouldAcceptTheExtremeOffsets() {
    assertThat(parse("01/Jan/2000:00:00:00 +1800"))
        .isEqualTo(Instant.parse("1999-12-31T06:00:00Z").getEpochSecond());
    assertThat(parse("01/Jan/2000:00:00:00 -1800"))
        .isEqualTo(Instant.parse("2000-01-01T18:00:00Z").getEpochSecond());
    assertThat(parse("01/Jan/2000:00:00:00 +1801")).isEqualTo(ClfTimestamp.INVALID);
  }
}
