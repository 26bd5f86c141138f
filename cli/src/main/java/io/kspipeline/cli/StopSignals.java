package io.kspipeline.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM ({@code kill}, {@code docker stop}) handled by the live demo itself
 * rather than by the JVM's shutdown: the first signal asks the demo to stop (producers, then jobs
 * after their running batch) and the process then exits normally, without Spark's and Hadoop's
 * shutdown hooks racing the jobs still writing (Hadoop's give up after 30 s). A second signal while
 * stopping ends the process at once; the checkpoints resume the jobs next time.
 */
final class StopSignals implements AutoCloseable {
  private static final String[] NAMES = {"INT", "TERM"};

  private final Map<Signal, SignalHandler> previous;

  private StopSignals(Map<Signal, SignalHandler> previous) {
    this.previous = previous;
  }

  /**
   * Handles the signals until closed. One the JVM keeps (with {@code -Xrs}) shuts it down, and the
   * demo's shutdown hook stops the demo then; one ignored when the process started (a command
   * started in the background by a non-interactive shell ignores SIGINT) stays ignored.
   */
  static StopSignals install(Runnable stop, PrintWriter out) {
    final boolean[] stopping = {false};
    SignalHandler handler =
        signal -> {
          synchronized (stopping) {
            if (!stopping[0]) {
              stopping[0] = true;
              stop.run();
              return;
            }
          }
          out.println();
          out.println("demo: second stop signal, stopping at once; checkpoints resume the jobs");
          out.flush();
          Runtime.getRuntime().halt(128 + signal.getNumber());
        };
    Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    for (String name : NAMES) {
      Signal signal = new Signal(name);
      try {
        previous.put(signal, Signal.handle(signal, handler));
      } catch (IllegalArgumentException notAllowed) {
        // The JVM keeps this one (e.g. -Xrs): its shutdown hook applies.
      }
    }
    return new StopSignals(previous);
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
