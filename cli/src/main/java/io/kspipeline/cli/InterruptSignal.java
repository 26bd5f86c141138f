package io.kspipeline.cli;

import java.io.PrintWriter;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C handled by the live demo itself rather than by the JVM's shutdown: the first SIGINT asks
 * the demo to stop (producers, then jobs after their running batch) and the process then exits
 * normally, without Spark's and Hadoop's shutdown hooks racing the jobs still writing. A second
 * SIGINT while stopping ends the process at once; the checkpoints resume the jobs next time.
 */
final class InterruptSignal implements AutoCloseable {
  private static final Signal INT = new Signal("INT");

  private final SignalHandler previous;

  private InterruptSignal(SignalHandler previous) {
    this.previous = previous;
  }

  /**
   * Handles SIGINT until closed; null when the JVM does not let us (then Ctrl-C shuts the JVM down
   * and the demo's shutdown hook stops it).
   */
  static InterruptSignal install(Runnable stop, PrintWriter out) {
    final boolean[] stopping = {false};
    try {
      return new InterruptSignal(
          Signal.handle(
              INT,
              signal -> {
                synchronized (stopping) {
                  if (!stopping[0]) {
                    stopping[0] = true;
                    stop.run();
                    return;
                  }
                }
                out.println();
                out.println("demo: second Ctrl-C, stopping at once; checkpoints resume the jobs");
                out.flush();
                Runtime.getRuntime().halt(130);
              }));
    } catch (IllegalArgumentException notAllowed) {
      return null;
    }
  }

  @Override
  public void close() {
    Signal.handle(INT, previous);
  }
}
