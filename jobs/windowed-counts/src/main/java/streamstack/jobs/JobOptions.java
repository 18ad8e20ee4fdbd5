package streamstack.jobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's arguments, `--name value` pairs. Durations are Spark interval strings
 * ("10 seconds", "1 minute"), as window() and withWatermark() take them.
 */
record JobOptions(
        String bootstrapServers,
        String inputTopic,
        String outputTopic,
        String checkpoint,
        String window,
        String slide,
        String watermark,
        String trigger,
        String startingOffsets,
        long maxOffsetsPerTrigger,
        int shufflePartitions,
        long kafkaFetchMaxWaitMs,
        String kafkaPrincipal) {

    private static final List<String> KNOWN = List.of(
            "bootstrap-servers", "input-topic", "output-topic", "checkpoint", "window", "slide",
            "watermark", "trigger", "starting-offsets", "max-offsets-per-trigger", "shuffle-partitions", "kafka-fetch-max-wait-ms",
            "kafka-principal");

    static JobOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; known: --" + String.join(", --", KNOWN));
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
            values.put(name, args[i + 1]);
        }
        return new JobOptions(
                required(values, "bootstrap-servers"),
                required(values, "input-topic"),
                required(values, "output-topic"),
                required(values, "checkpoint"),
                values.getOrDefault("window", "1 minute"),
                values.getOrDefault("slide", values.getOrDefault("window", "1 minute")),
                values.getOrDefault("watermark", "10 minutes"),
                values.getOrDefault("trigger", "5 seconds"),
                values.getOrDefault("starting-offsets", "earliest"),
                Long.parseLong(values.getOrDefault("max-offsets-per-trigger", "0")),
                Integer.parseInt(values.getOrDefault("shuffle-partitions", "4")),
                Long.parseLong(values.getOrDefault("kafka-fetch-max-wait-ms", "10")),
                values.get("kafka-principal"));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("--" + name + " is required");
        return value;
    }
}
