package io.kspipeline.jobs.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.split;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The lines of the text files that appear in a directory (the seed's {@code readStream.text} and
 * {@code readStream.json} inputs), Kafka-shaped like every other input — {@code key} (null), {@code
 * value} (the line), and for provenance {@code topic} naming {@code file:line}, {@code partition}
 * -1 (not Kafka) and {@code offset} the line number — so a line set aside says where it was.
 *
 * <p>Each file is read whole to number its lines (Spark's line reader does not know them), so one
 * file must stay under 2 GB; log rotation keeps files far smaller. Empty lines carry no record and
 * are skipped.
 */
public final class TextFileLines {
  private TextFileLines() {}

  public static Dataset<Row> stream(SparkSession spark, String directory) {
    Dataset<Row> files =
        spark
            .readStream()
            .option("wholetext", true)
            .text(directory)
            .select(input_file_name().as("file"), col("value"));
    Dataset<Row> lines =
        files.select(
            col("file"),
            posexplode(split(col("value"), "\r?\n", -1)).as(new String[] {"index", "line"}));
    Column lineNumber = col("index").plus(1);
    return lines
        .where(col("line").notEqual(""))
        .select(
            lit(null).cast(DataTypes.BinaryType).as("key"),
            col("line").cast(DataTypes.BinaryType).as("value"),
            concat(col("file"), lit(":"), lineNumber.cast(DataTypes.StringType)).as("topic"),
            lit(-1).as("partition"),
            lineNumber.cast(DataTypes.LongType).as("offset"));
  }
}
