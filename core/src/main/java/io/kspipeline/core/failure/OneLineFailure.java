package io.kspipeline.core.failure;

/**
 * A failure whose message is already the line a user acts on (what is wrong and what to type): the
 * command prints it as it is, without the exception's class ({@link FailureLine}).
 */
public interface OneLineFailure {
  /** The line, as {@link Throwable#getMessage()} gives it. */
  String getMessage();
}
