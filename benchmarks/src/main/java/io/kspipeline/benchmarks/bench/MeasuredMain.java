package io.kspipeline.benchmarks.bench;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM of the bench: runs another main class and, when the JVM exits
 * (normally, through System.exit or on SIGTERM), prints its CPU time and peak RSS. The figures are
 * the process's own, so each row of the table is one process measured the same way.
 */
public final class MeasuredMain {
  private MeasuredMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: MeasuredMain <main class> [args...]");
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(ProcessStats.line());
                  System.out.flush();
                },
                "measured-exit"));
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
    System.exit(0);
  }
}
