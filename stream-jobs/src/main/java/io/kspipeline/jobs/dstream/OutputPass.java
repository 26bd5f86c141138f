package io.kspipeline.jobs.dstream;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * A batch's output pass once run: the union of its parts (results sent to Kafka, rejected records
 * sent to the dead-letter topic) computed by one Spark job, which returns to the driver the results
 * it writes and the count of dead letters.
 */
record OutputPass<T>(List<T> results, long deadLetters) {
  static <T> OutputPass<T> run(JavaRDD<Returned<T>> pass) {
    List<T> results = new ArrayList<>();
    long deadLetters = 0;
    for (Returned<T> returned : pass.collect()) {
      if (returned.result() != null) {
        results.add(returned.result());
      }
      deadLetters += returned.deadLetters();
    }
    return new OutputPass<>(results, deadLetters);
  }
}
