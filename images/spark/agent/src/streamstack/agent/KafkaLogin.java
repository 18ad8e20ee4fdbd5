package streamstack.agent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * A job's own Kafka login, for drivers and executors of a platform that asks for logins inside
 * it (kafka.internalAuthentication).
 *
 * <p>The job's principal is the system property streamstack.kafka.login (in the driver's and the
 * executors' Java options). Its password is derived from the cluster's secret, which the worker
 * hands every driver and executor (_SPARK_AUTH_SECRET): base64url of HMAC-SHA256(secret,
 * "streamstack kafka login:" + principal), as the platform computes it for the principal's
 * credential (components/kafka/job-principal.ts). This installs a JAAS configuration whose
 * KafkaClient entry logs in with it, which Kafka's clients use when a client sets
 * security.protocol SASL_PLAINTEXT and sasl.mechanism SCRAM-SHA-512 but no sasl.jaas.config: the
 * password is in no property, command line, file or submission. Every other entry is the one
 * the JVM had. Nothing is installed without the property or the secret.
 */
final class KafkaLogin {
    static final String PRINCIPAL_PROPERTY = "streamstack.kafka.login";
    static final String PASSWORD_CONTEXT = "streamstack kafka login:";
    static final String KAFKA_CLIENT_ENTRY = "KafkaClient";
    static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private KafkaLogin() {
    }

    static void install(String secret) {
        String principal = System.getProperty(PRINCIPAL_PROPERTY);
        if (principal == null || principal.isEmpty() || secret == null || secret.isEmpty()) return;
        Configuration.setConfiguration(new WithKafkaClient(existing(), principal, password(secret, principal)));
    }

    static String password(String secret, String principal) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((PASSWORD_CONTEXT + principal).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The JVM's configuration so far; none when it has none (no java.security.auth.login.config). */
    private static Configuration existing() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException e) {
            return null;
        }
    }

    /** KafkaClient logs in as the job; every other entry is the configuration it replaces. */
    private static final class WithKafkaClient extends Configuration {
        private final Configuration previous;
        private final AppConfigurationEntry[] kafkaClient;

        WithKafkaClient(Configuration previous, String principal, String password) {
            this.previous = previous;
            this.kafkaClient = new AppConfigurationEntry[] {
                new AppConfigurationEntry(SCRAM_LOGIN_MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("username", principal, "password", password)),
            };
        }

        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            if (KAFKA_CLIENT_ENTRY.equals(name)) return kafkaClient.clone();
            return previous == null ? null : previous.getAppConfigurationEntry(name);
        }

        @Override
        public void refresh() {
            if (previous != null) previous.refresh();
        }
    }
}
