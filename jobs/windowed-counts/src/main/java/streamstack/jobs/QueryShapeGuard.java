package streamstack.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkpoint holds the state of one query shape (input topic, window, slide). Spark does not
 * notice when a restart asks for another window over the same state and would mix the two, so
 * the shape is recorded beside the checkpoint and a different one is refused with the fix.
 */
final class QueryShapeGuard {
    private static final String FILE = "streamstack-query-shape";

    private QueryShapeGuard() {
    }

    static void check(JobOptions options) throws IOException {
        Path dir = Path.of(options.checkpoint());
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        String shape = "input-topic=" + options.inputTopic() + "\nwindow=" + options.window() + "\nslide=" + options.slide() + "\n";
        if (!Files.exists(file)) {
            Files.writeString(file, shape, StandardCharsets.UTF_8);
            return;
        }
        String recorded = Files.readString(file, StandardCharsets.UTF_8);
        if (!recorded.equals(shape)) {
            throw new IllegalStateException("the checkpoint " + dir + " holds the state of another query ("
                    + recorded.replace('\n', ' ').trim() + "), not of (" + shape.replace('\n', ' ').trim()
                    + "); point --checkpoint at a new directory (a new job name) to start over");
        }
    }
}
