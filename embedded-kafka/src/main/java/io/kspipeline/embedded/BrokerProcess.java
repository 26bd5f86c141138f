package io.kspipeline.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded broker in a JVM of its own, so that it can be killed with SIGKILL and started again
 * on the same ports and storage (broker-bounce tests). Output goes to {@code broker.log} in the
 * data dir.
 */
public final class BrokerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

  private final BrokerConfig config;
  private final String classpath;
  private final List<String> jvmOptions;
  private Process process;

  private BrokerProcess(BrokerConfig config, String classpath, List<String> jvmOptions) {
    this.config = config;
    this.classpath = classpath;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** Starts a broker JVM on this JVM's classpath (which holds the Kafka broker jars). */
  public static BrokerProcess start(BrokerConfig config) {
    return startAll(List.of(config), DEFAULT_JVM_OPTIONS).get(0);
  }

  /**
   * Starts a JVM per node at once and returns when all are ready: a cluster node's start waits for
   * a controller quorum, which the nodes only form together.
   */
  static List<BrokerProcess> startAll(List<BrokerConfig> configs, List<String> jvmOptions) {
    String classpath = System.getProperty("java.class.path");
    List<BrokerProcess> brokers = new ArrayList<>();
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    try {
      for (BrokerConfig config : configs) {
        if (config.saslSsl() != null) {
          // The SCRAM users are not passed to the child JVM.
          throw new IllegalArgumentException("a SASL_SSL listener needs the in-process broker");
        }
        BrokerProcess broker = new BrokerProcess(config, classpath, jvmOptions);
        ready.add(broker.launch());
        brokers.add(broker);
      }
      for (int i = 0; i < brokers.size(); i++) {
        brokers.get(i).awaitReady(ready.get(i));
      }
      return brokers;
    } catch (RuntimeException e) {
      brokers.forEach(BrokerProcess::kill);
      throw e;
    }
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public BrokerConfig config() {
    return config;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no flush, no controlled shutdown — what a crashed machine does. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  /**
   * Starts the broker again on the same ports and storage after {@link #kill()} or {@link
   * #close()}.
   */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("broker process " + process.pid() + " is still running");
    }
    awaitReady(launch());
  }

  /** SIGTERM: a controlled shutdown. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the JVM; the future completes when it prints its ready line. */
  private CompletableFuture<Void> launch() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(EmbeddedKafkaMain.class.getName());
    command.addAll(EmbeddedKafkaMain.arguments(config));
    try {
      Files.createDirectories(config.dataDir());
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start broker process", e);
    }
    return pumpOutput(config.dataDir().resolve("broker.log"));
  }

  /** Copies the child's output to the log file; completes when it prints its ready line. */
  private CompletableFuture<Void> pumpOutput(Path log) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Process child = process;
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                  var out =
                      Files.newBufferedWriter(
                          log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                  out.write(line);
                  out.newLine();
                  out.flush();
                  if (line.startsWith(EmbeddedKafkaMain.READY_PREFIX)) {
                    ready.complete(null);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(
                  new IllegalStateException(
                      "broker process exited before it was ready; see " + log));
            },
            "broker-process-output-" + child.pid());
    pump.setDaemon(true);
    pump.start();
    return ready;
  }

  private void awaitReady(CompletableFuture<Void> ready) {
    Path log = config.dataDir().resolve("broker.log");
    try {
      ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "broker process not ready after " + START_TIMEOUT + "; see " + log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting the broker process", e);
    }
  }
}
