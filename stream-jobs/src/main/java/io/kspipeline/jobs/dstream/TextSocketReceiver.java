package io.kspipeline.jobs.dstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.receiver.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text lines from a TCP socket (UTF-8), as Spark's socket stream reads them, reconnecting when the
 * connection fails or the other side closes it — but quiet when the job stops: closing the socket
 * to stop is not an error to restart from (Spark's own receiver restarts then, and its restart
 * thread dies with a stack trace on the way out).
 */
final class TextSocketReceiver extends Receiver<String> {
  private static final Logger LOG = LoggerFactory.getLogger(TextSocketReceiver.class);

  private final String host;
  private final int port;
  private transient volatile Socket socket;

  TextSocketReceiver(String host, int port) {
    super(StorageLevel.MEMORY_AND_DISK_SER_2());
    this.host = host;
    this.port = port;
  }

  @Override
  public void onStart() {
    Thread reader = new Thread(this::receive, "socket-lines-" + host + ":" + port);
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public void onStop() {
    Socket open = socket;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        LOG.debug("closing the socket to {}:{}: {}", host, port, e.getMessage());
      }
    }
  }

  private void receive() {
    try (Socket connected = new Socket(host, port)) {
      socket = connected;
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(connected.getInputStream(), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null && !isStopped(); line = lines.readLine()) {
        store(line);
      }
      if (!isStopped()) {
        LOG.warn("{}:{} closed the connection; connecting again", host, port);
        restart("the other side closed the connection");
      }
    } catch (IOException e) {
      if (!isStopped()) {
        LOG.warn("cannot read {}:{} ({}); trying again", host, port, e.getMessage());
        restart("cannot read " + host + ":" + port, e);
      }
    }
  }
}
