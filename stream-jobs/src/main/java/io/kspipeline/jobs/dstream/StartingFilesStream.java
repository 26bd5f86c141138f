package io.kspipeline.jobs.dstream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.InputDStream;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The lines of the {@link StartingFiles} in the job's first batch, and nothing in later ones. The
 * first batch is the one after the graph's zero time, which the checkpoint keeps: a restarted job
 * that recomputes that batch (to rebuild a window) reads them for it again, and for no other batch.
 */
final class StartingFilesStream extends InputDStream<SourceRecord> {
  private static final ClassTag<SourceRecord> RECORDS = ClassTag$.MODULE$.apply(SourceRecord.class);

  private final StartingFiles files;

  StartingFilesStream(JavaStreamingContext ssc, StartingFiles files) {
    super(ssc.ssc(), RECORDS);
    this.files = files;
  }

  JavaDStream<SourceRecord> asJava() {
    return new JavaDStream<>(this, RECORDS);
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public Option<RDD<SourceRecord>> compute(Time validTime) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(context().sparkContext());
    boolean first = validTime.equals(zeroTime().$plus(slideDuration()));
    return Option.apply(first ? files.read(sc).rdd() : sc.<SourceRecord>emptyRDD().rdd());
  }
}
