import { Consumer, Producer, ProduceAcks, stringDeserializers, stringSerializers } from "@platformatic/kafka";

/**
 * Produces `count` messages with acks=all through the given bootstrap servers (the
 * platform's external listener on 127.0.0.1) and consumes them back from the beginning.
 * Returns the values read, in partition-offset order per partition.
 */
export async function produceAndConsume(bootstrap: string, topic: string, count: number, timeoutMs = 60_000): Promise<string[]> {
    const bootstrapBrokers = bootstrap.split(",");
    const producer = new Producer({ clientId: "streamstack-e2e-producer", bootstrapBrokers, serializers: stringSerializers });
    const values = Array.from({ length: count }, (_, i) => `message-${i}`);
    try {
        await producer.send({ acks: ProduceAcks.ALL, messages: values.map((value, i) => ({ topic, key: `k${i}`, value })) });
    } finally {
        await producer.close();
    }

    const consumer = new Consumer({
        groupId: `streamstack-e2e-${process.pid}-${Date.now()}`,
        clientId: "streamstack-e2e-consumer",
        bootstrapBrokers,
        deserializers: stringDeserializers,
    });
    const received: string[] = [];
    try {
        const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: false });
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`consumed ${received.length}/${count} messages within ${timeoutMs} ms`)), timeoutMs);
            stream.on("data", (message) => {
                received.push(String(message.value));
                if (received.length >= count) {
                    clearTimeout(timer);
                    resolve();
                }
            });
            stream.on("error", (error) => {
                clearTimeout(timer);
                reject(error);
            });
        });
        await stream.close();
    } finally {
        await consumer.close(true);
    }
    return received;
}
