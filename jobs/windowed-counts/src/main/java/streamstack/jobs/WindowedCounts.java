package streamstack.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Counts events per key in sliding event-time windows: Kafka in, Kafka out.
 *
 * <p>Event time is the Kafka record's timestamp (set by the producer). Every micro-batch writes
 * the windows it changed as `window-start/window-end|key` -> JSON with the running count. The
 * output key makes a replayed batch overwrite the same (window, key) with the same count, so a
 * restart from the checkpoint never double-counts; the last record per key is the result.
 */
public final class WindowedCounts {
    private static final String TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
    /** How a job logs in on the platform's CLIENTS listener (kafka.internalAuthentication). */
    private static final String SASL_PROTOCOL = "SASL_PLAINTEXT";
    private static final String SASL_MECHANISM = "SCRAM-SHA-512";

    private WindowedCounts() {
    }

    public static void main(String[] args) throws Exception {
        JobOptions options = JobOptions.parse(args);
        QueryShapeGuard.check(options);
        SparkSession spark = SparkSession.builder().getOrCreate();
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        // One state-store partition per shuffle partition; Spark's 200 would be 200 tiny tasks
        // per batch. Fixed by the first run: later runs take it from the checkpoint.
        spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(options.shufflePartitions()));

        // One Kafka partition = one task: the partitions are the parallel "receivers".
        var reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", options.bootstrapServers())
                .option("subscribe", options.inputTopic())
                .option("startingOffsets", options.startingOffsets())
                .option("failOnDataLoss", "true")
                // Kafka's 500 ms default held every task ~0.5 s in its first poll (measured: 3,000
                // records read in 550 ms of polling, 50 ms at 10), ~1.5 s a batch on 2 cores. The
                // task's consumer only asks for offsets that exist, so a short wait costs nothing.
                .option("kafka.fetch.max.wait.ms", options.kafkaFetchMaxWaitMs());
        if (options.kafkaPrincipal() != null) {
            // The platform's agent gives this JVM and the executors' the principal's login
            // (JAAS KafkaClient); the consumer groups carry its name, which its ACLs allow.
            reader = reader.option("kafka.security.protocol", SASL_PROTOCOL).option("kafka.sasl.mechanism", SASL_MECHANISM)
                    .option("groupIdPrefix", options.kafkaPrincipal());
        }
        if (options.maxOffsetsPerTrigger() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", options.maxOffsetsPerTrigger());
        }
        Dataset<Row> events = reader.load()
                .select(col("key").cast("string").as("key"), col("timestamp"));

        Dataset<Row> counts = events
                .withWatermark("timestamp", options.watermark())
                .groupBy(window(col("timestamp"), options.window(), options.slide()), col("key"))
                .count();

        Column windowStart = date_format(col("window.start"), TIME_FORMAT);
        Column windowEnd = date_format(col("window.end"), TIME_FORMAT);
        Dataset<Row> records = counts.select(
                concat_ws("|", concat_ws("/", windowStart, windowEnd), col("key")).as("key"),
                to_json(struct(windowStart.as("windowStart"), windowEnd.as("windowEnd"), col("key"), col("count"))).as("value"));

        var writer = records.writeStream()
                .queryName("windowed-counts")
                .format("kafka")
                .option("kafka.bootstrap.servers", options.bootstrapServers())
                .option("topic", options.outputTopic())
                .option("kafka.acks", "all")
                .option("checkpointLocation", options.checkpoint())
                .outputMode(OutputMode.Update())
                .trigger(Trigger.ProcessingTime(options.trigger()));
        if (options.kafkaPrincipal() != null) {
            writer = writer.option("kafka.security.protocol", SASL_PROTOCOL).option("kafka.sasl.mechanism", SASL_MECHANISM);
        }
        StreamingQuery query = writer.start();
        GracefulStop.install(query);
        query.awaitTermination();
    }
}
