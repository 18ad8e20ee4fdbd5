/** SASL credentials for Kafka's admin API; kept as Pulumi secrets by the resources that hold them. */
export interface KafkaAuth {
    mechanism: "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512";
    username: string;
    password: string;
}
