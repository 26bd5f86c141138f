package io.kspipeline.cli.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * Keeps every streaming query started in this JVM, so a test can print their plans after a job
 * command ran them to the end. Registered by name through {@code
 * spark.sql.streaming.streamingQueryListeners}, the way a user would add one.
 */
public final class QueryRecorder extends StreamingQueryListener {
  private static final List<StreamingQuery> STARTED = new CopyOnWriteArrayList<>();

  /** The query-started event is delivered on the query's own thread while it is active. */
  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    StreamingQuery query = SparkSession.active().streams().get(event.id());
    if (query != null) {
      STARTED.add(query);
    }
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /** What {@code query.explain(true)} prints, for every recorded query, then forgets them. */
  static String explainAllAndClear() {
    StringBuilder text = new StringBuilder();
    for (StreamingQuery query : STARTED) {
      text.append("== query ").append(query.name()).append(" ==\n");
      text.append(((StreamingQueryWrapper) query).streamingQuery().explainInternal(true));
      text.append('\n');
    }
    STARTED.clear();
    return text.toString();
  }
}
