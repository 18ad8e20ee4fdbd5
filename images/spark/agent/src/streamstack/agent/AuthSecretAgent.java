package streamstack.agent;

/**
 * A Java agent for drivers of a Spark standalone cluster with spark.authenticate on.
 *
 * <p>A worker launches a driver submitted in cluster deploy mode with the cluster's secret in
 * the environment (_SPARK_AUTH_SECRET), as it does for executors, but Spark 3.5's driver only
 * accepts the secret as the property spark.authenticate.secret and refuses to start
 * (SPARK-25078). Putting the secret in the submission would write it into the driver's command
 * line and the masters' recovery state in ZooKeeper; instead this agent, started before the
 * driver's main class, copies the variable into the system property, which SparkConf reads. It
 * sets nothing when the property is already given or the variable is absent.
 *
 * <p>The same agent runs in the executors of a job that logs in to Kafka with its own principal,
 * and gives the driver and the executors that login ({@link KafkaLogin}).
 */
public final class AuthSecretAgent {
    static final String SECRET_VARIABLE = "_SPARK_AUTH_SECRET";
    static final String SECRET_PROPERTY = "spark.authenticate.secret";

    private AuthSecretAgent() {
    }

    public static void premain(String arguments) {
        String secret = System.getenv(SECRET_VARIABLE);
        if (secret != null && !secret.isEmpty() && System.getProperty(SECRET_PROPERTY) == null) {
            System.setProperty(SECRET_PROPERTY, secret);
        }
        KafkaLogin.install(secret);
    }
}
