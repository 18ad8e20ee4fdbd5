package streamstack.jobs;

import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * When the master kills the driver (SIGTERM, then SIGKILL 10 s later), let the micro-batch in
 * flight finish and stop the query between batches, so a resubmission resumes from a committed
 * offset instead of replaying the batch. Runs before Spark's own shutdown hooks (priority 40).
 * Correctness does not depend on it: the checkpoint and the keyed output make a replay harmless.
 */
final class GracefulStop {
    private static final int BEFORE_SPARK_HOOKS = 100;
    private static final long WAIT_FOR_BATCH_MS = 8_000;

    private GracefulStop() {
    }

    static void install(StreamingQuery query) {
        ShutdownHookManager.get().addShutdownHook(() -> {
            long deadline = System.currentTimeMillis() + WAIT_FOR_BATCH_MS;
            try {
                while (query.isActive() && query.status().isTriggerActive() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                System.err.println("streamstack: stopping the query between micro-batches");
                query.stop();
            } catch (Exception e) {
                System.err.println("streamstack: graceful stop failed: " + e);
            }
        }, BEFORE_SPARK_HOOKS);
    }
}
