package io.kspipeline.core.hashtags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashtagExtractorTest {
  private static List<String> tags(String text) {
    return HashtagExtractor.extract(text);
  }

  @Test
  void shouldReturnTagsAsWrittenWithoutTheSignInOrder() {
    assertThat(tags("#Kafka meets #spark_streaming and #Kafka again"))
        .containsExactly("Kafka", "spark_streaming", "Kafka");
  }

  @Test
  void shouldFindNothingInTextWithoutTags() {
    assertThat(tags("no tags here")).isEmpty();
    assertThat(tags("")).isEmpty();
    assertThat(tags(null)).isEmpty();
    assertThat(tags("#")).isEmpty();
    assertThat(tags("# space")).isEmpty();
  }

  @Test
  void shouldAcceptTheFullWidthSign() {
    assertThat(tags("＃東京 and ＃tokyo")).containsExactly("東京", "tokyo");
  }

  @Test
  void shouldReadJapaneseArabicCyrillicAndHangulTags() {
    assertThat(tags("今日は #ラーメン と #日本語 です")).containsExactly("ラーメン", "日本語");
    assertThat(tags("مرحبا #مصر اليوم")).containsExactly("مصر");
    assertThat(tags("Привет #Москва!")).containsExactly("Москва");
    assertThat(tags("#한국어 최고")).containsExactly("한국어");
  }

  @Test
  void shouldKeepCombiningMarksOfDevanagariInTheTag() {
    // क्रिकेट: the virama (U+094D) and vowel signs are marks, not word ends.
    assertThat(tags("आज #क्रिकेट मैच")).containsExactly("क्रिकेट");
    assertThat(tags("#नमस्ते।")).containsExactly("नमस्ते");
  }

  @Test
  void shouldKeepDecomposedAccentsInTheTag() {
    assertThat(tags("#cafe\u0301 time")).containsExactly("cafe\u0301");
  }

  @Test
  void shouldAllowTheJoinersTwitterTextAllows() {
    assertThat(tags("#می\u200cخواهم")).containsExactly("می\u200cخواهم");
    assertThat(tags("#カップ・ヌードル")).containsExactly("カップ・ヌードル");
    assertThat(tags("#l·lengua")).containsExactly("l·lengua");
  }

  @Test
  void shouldRejectAllDigitTags() {
    assertThat(tags("#2024 #1 #123_456")).isEmpty();
    assertThat(tags("#2024olympics #1st #_a")).containsExactly("2024olympics", "1st", "_a");
    assertThat(tags("#___")).isEmpty();
  }

  @Test
  void shouldEndATagAtTheFirstNonHashtagCharacter() {
    assertThat(tags("#tag's #tag, #tag. #tag! (#tag) #tag-case #tag😀"))
        .containsExactly("tag", "tag", "tag", "tag", "tag", "tag", "tag");
  }

  @Test
  void shouldNotStartAfterALetterDigitOrUnderscore() {
    assertThat(tags("abc#def 9#x _#y")).isEmpty();
    assertThat(tags("日本#東京")).isEmpty();
  }

  @Test
  void shouldStartAfterPunctuationAndEmoji() {
    assertThat(tags(".#a,#b(#c)\"#d\"")).containsExactly("a", "b", "c", "d");
    assertThat(tags("😀#happy 🎉#party")).containsExactly("happy", "party");
    assertThat(tags("❤\uFE0F#love")).containsExactly("love");
    assertThat(tags("##double")).containsExactly("double");
  }

  @Test
  void shouldNotStartAfterAnAmpersandSoHtmlEntitiesAreNotTags() {
    assertThat(tags("it&#39;s &#x27;quoted&#x27; &#tag")).isEmpty();
    assertThat(tags("Rock &amp; Roll #music")).containsExactly("music");
  }

  @Test
  void shouldVoidATagFollowedByAnotherSign() {
    assertThat(tags("#one#two")).isEmpty();
    assertThat(tags("#one＃two #three")).containsExactly("three");
  }

  @Test
  void shouldNotTakeAUrlSchemeForATag() {
    assertThat(tags("#http://example.com #https://x.io #ftp://h")).isEmpty();
  }

  @Test
  void shouldNotTakeAUrlFragmentForATag() {
    assertThat(tags("see http://x.com/#anchor and https://x.com/page#section #real"))
        .containsExactly("real");
    assertThat(tags("www.example.com/#top (example.org/docs/#intro)")).isEmpty();
    assertThat(tags("path a/#b")).containsExactly("b");
  }

  @Test
  void shouldIgnoreKeycapSigns() {
    assertThat(tags("#\uFE0F\u20E3 press #\u20E3 keys")).isEmpty();
  }

  @Test
  void shouldReadSupplementaryLetters() {
    // U+20BB7 is a CJK ideograph outside the BMP; U+1D400 a mathematical bold letter.
    assertThat(tags("#\uD842\uDFB7野家 #\uD835\uDC00x"))
        .containsExactly("\uD842\uDFB7野家", "\uD835\uDC00x");
  }

  @Test
  void shouldTreatTagsAtTheVeryEndAndStart() {
    assertThat(tags("#start middle #end")).containsExactly("start", "end");
  }
}
