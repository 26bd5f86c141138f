package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGTERM reaches the job's stop, once, on a thread of its own; closing gives the signal back. */
class StopSignalsTest {
  @Test
  void shouldRunTheStopOnTheFirstSignalAndRestoreTheHandlerWhenClosed() throws Exception {
    Signal term = new Signal("TERM");
    CountDownLatch previousCalled = new CountDownLatch(1);
    SignalHandler before = Signal.handle(term, signal -> previousCalled.countDown());
    try {
      CountDownLatch stopped = new CountDownLatch(1);
      String[] stopThread = new String[1];
      try (StopSignals signals =
          StopSignals.install(
              "a-job",
              () -> {
                stopThread[0] = Thread.currentThread().getName();
                stopped.countDown();
              })) {
        Signal.raise(term);
        assertThat(stopped.await(30, TimeUnit.SECONDS)).as("the stop ran").isTrue();
        assertThat(stopThread[0]).isEqualTo("stop-a-job");
      }
      Signal.raise(term);
      assertThat(previousCalled.await(30, TimeUnit.SECONDS))
          .as("the handler from before is back")
          .isTrue();
    } finally {
      Signal.handle(term, before);
    }
  }
}
