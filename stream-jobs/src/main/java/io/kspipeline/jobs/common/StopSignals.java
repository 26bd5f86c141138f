package io.kspipeline.jobs.common;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM handled by a running job itself rather than by the JVM's shutdown:
 * the first asks the job to stop after the batch it is running, and the process then ends normally,
 * without Spark's and Hadoop's shutdown hooks racing batches still running (which prints errors and
 * stack traces, and Hadoop's hook timeout cuts a graceful stop short). A second signal while
 * stopping ends the process at once; the checkpoint resumes the job next time.
 */
public final class StopSignals implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
  private static final List<String> SIGNALS = List.of("INT", "TERM");
  private static final int EXIT_ON_SECOND_SIGNAL = 130;

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  /**
   * Handles SIGINT and SIGTERM until closed: the first runs {@code stop} on a thread of its own
   * (the signal's thread must not block); a signal the JVM does not let us handle keeps its usual
   * meaning.
   *
   * @param job the job's name, for the log lines
   */
  public static StopSignals install(String job, Runnable stop) {
    StopSignals installed = new StopSignals();
    Object lock = new Object();
    boolean[] stopping = {false};
    SignalHandler handler =
        signal -> {
          synchronized (lock) {
            if (!stopping[0]) {
              stopping[0] = true;
              LOG.info(
                  "{}: SIG{} received, stopping after the running batch (again to stop at once)",
                  job,
                  signal.getName());
              Thread stopper = new Thread(stop, "stop-" + job);
              stopper.setDaemon(false);
              stopper.start();
              return;
            }
          }
          LOG.warn(
              "{}: second SIG{}, stopping at once; the checkpoint resumes the job",
              job,
              signal.getName());
          Runtime.getRuntime().halt(EXIT_ON_SECOND_SIGNAL);
        };
    for (String name : SIGNALS) {
      try {
        Signal signal = new Signal(name);
        installed.previous.add(Signal.handle(signal, handler));
        installed.signals.add(signal);
      } catch (IllegalArgumentException notAllowed) {
        // Ignored at start (a background job of a script) or reserved: left to the JVM.
      }
    }
    return installed;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
