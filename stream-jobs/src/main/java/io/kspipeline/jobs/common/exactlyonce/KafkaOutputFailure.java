package io.kspipeline.jobs.common.exactlyonce;

import io.kspipeline.core.failure.OneLineFailure;

/** An exactly-once output that cannot go on, with what to do about it in its message. */
public final class KafkaOutputFailure extends IllegalStateException implements OneLineFailure {
  private static final long serialVersionUID = 1L;

  public KafkaOutputFailure(String message) {
    super(message);
  }

  public KafkaOutputFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
