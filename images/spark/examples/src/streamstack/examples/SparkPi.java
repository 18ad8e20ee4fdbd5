package streamstack.examples;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Estimates pi like Spark's own SparkPi example (which is not published to Maven Central)
 * and reports the cores the standalone master granted, so tests can check spark.cores.max.
 */
public final class SparkPi {
    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        SparkConf conf = new SparkConf().setAppName("streamstack-SparkPi")
                // Start tasks only once every granted core has registered, so the count below is final.
                .setIfMissing("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .setIfMissing("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int n = 200_000 * slices;
            List<Integer> range = new ArrayList<>(n);
            for (int i = 0; i < n; i++) range.add(i);
            long inside = sc.parallelize(range, slices).filter(i -> {
                double x = Math.random() * 2 - 1;
                double y = Math.random() * 2 - 1;
                return x * x + y * y <= 1;
            }).count();
            System.out.println("Pi is roughly " + 4.0 * inside / n);
            // In standalone mode defaultParallelism is the total cores of registered executors.
            System.out.println("Granted executor cores: " + sc.sc().defaultParallelism());
        }
    }
}
