import { JOB_LOGIN_PROPERTY } from "../kafka/job-principal";
import { AUTH_SECRET_AGENT } from "./render";

/**
 * A job's Spark properties once it logs in to Kafka as its own principal: the principal in the
 * driver's and the executors' Java options, and the image's agent in the executors too (the
 * driver always starts with it), which gives each of those JVMs the principal's login
 * (images/spark/agent/.../KafkaLogin.java). The job's own options stay, after ours. Pure.
 */
export function withKafkaLogin(conf: Readonly<Record<string, string>>, principal: string): Record<string, string> {
    const login = `-D${JOB_LOGIN_PROPERTY}=${principal}`;
    const options = (...parts: (string | undefined)[]) => parts.filter((part) => part !== undefined && part !== "").join(" ");
    return {
        ...conf,
        "spark.driver.extraJavaOptions": options(login, conf["spark.driver.extraJavaOptions"]),
        "spark.executor.extraJavaOptions": options(`-javaagent:${AUTH_SECRET_AGENT}`, login, conf["spark.executor.extraJavaOptions"]),
    };
}
