package io.kspipeline.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real broker per test class:
 *
 * <pre>{@code @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();}</pre>
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private final KafkaHarness.Mode mode;
  private KafkaHarness harness;

  /** The mode chosen by {@code -Dpipeline.test.kafka} / {@code PIPELINE_TEST_KAFKA} (auto). */
  public KafkaExtension() {
    this(null);
  }

  public KafkaExtension(KafkaHarness.Mode mode) {
    this.mode = mode;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    harness = mode == null ? KafkaHarness.start() : KafkaHarness.start(mode);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (harness != null) {
      harness.close();
      harness = null;
    }
  }

  public KafkaHarness harness() {
    if (harness == null) {
      throw new IllegalStateException("the broker starts before all tests of the class");
    }
    return harness;
  }

  public String bootstrapServers() {
    return harness().bootstrapServers();
  }
}
