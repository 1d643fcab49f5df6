package dev.modelmonitor.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FormatLocaleTest {
  private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

  @AfterEach
  void restore() {
    Locale.setDefault(Locale.Category.FORMAT, before);
  }

  @Test
  void plainEnglishBecomesUsEnglish() {
    Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);

    assertThat(FormatLocale.preferUsEnglishOverPlainEnglish()).isTrue();

    assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.US);
  }

  @Test
  void anyOtherLocaleIsLeftAsTheUserSetIt() {
    for (Locale other : new Locale[] {Locale.GERMANY, Locale.UK, Locale.US, Locale.FRENCH}) {
      Locale.setDefault(Locale.Category.FORMAT, other);

      assertThat(FormatLocale.preferUsEnglishOverPlainEnglish()).as(other.toString()).isFalse();

      assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(other);
    }
  }

  @Test
  void englishAndUsEnglishFormatNumbersAndDatesAlike() {
    String pattern = "%,d %,.3f %.2e %s";
    Object[] args = {1234567, -9876543.21, 0.000123, 12.5};
    assertThat(String.format(Locale.ENGLISH, pattern, args))
        .isEqualTo(String.format(Locale.US, pattern, args))
        .isEqualTo("1,234,567 -9,876,543.210 1.23e-04 12.5");
    assertThat(NumberFormat.getInstance(Locale.ENGLISH).format(1234.5678))
        .isEqualTo(NumberFormat.getInstance(Locale.US).format(1234.5678));
    LocalDateTime t = LocalDateTime.of(2026, 11, 29, 14, 5, 9);
    for (FormatStyle style : new FormatStyle[] {FormatStyle.SHORT, FormatStyle.MEDIUM}) {
      assertThat(DateTimeFormatter.ofLocalizedDateTime(style).withLocale(Locale.ENGLISH)
          .format(t)).isEqualTo(DateTimeFormatter.ofLocalizedDateTime(style)
          .withLocale(Locale.US).format(t));
    }
  }
}
