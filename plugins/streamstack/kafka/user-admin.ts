import type * as Kafka from "@platformatic/kafka";
import { pbkdf2Sync, randomBytes } from "node:crypto";
import { kafkaClientOptions, KafkaConnection, kafkaControllerId } from "../../../live/kafka";
import { AclBinding, AclOperation, AclResourceType, userPrincipal } from "../../../components/kafka/user-acls";
import { kafka, retrying, waitUntil } from "./admin";
import { scramLogin } from "../../../components/kafka/admin-login";

/**
 * The Kafka admin operations the user provider needs: SCRAM credentials (AlterUserScramCredentials,
 * sent to the controller, which in ZooKeeper mode is the broker that writes them) and ACLs.
 * Changes are sent again while they fail with a retriable error (`retrying`), as the topic
 * provider's are: a user is made right after its brokers' readiness gate, which on Kubernetes
 * can pass a moment before the NodePorts reach the brokers. Reads are not retried, but for the
 * credential check's connection (made again for up to 30 s, `connected`).
 */

const SCRAM_SHA_512 = 2; // ScramMechanisms.SCRAM_SHA_512
/** Kafka's minimum for SCRAM-SHA-512, what its own tools use. */
const SCRAM_ITERATIONS = 4096;
const RESOURCE_NOT_FOUND = 91;
/** How long a first connection is made again while refused; reads (refresh) fail after it. */
const CONNECT_RETRY_MS = 30_000;

const RESOURCE_TYPES: Record<AclResourceType, number> = { "topic": 2, "group": 3, "cluster": 4, "transactional-id": 5 };
const PATTERN_TYPES = { literal: 3, prefixed: 4 } as const;
const OPERATIONS: Record<AclOperation, number> = {
    "all": 2, "read": 3, "write": 4, "create": 5, "delete": 6, "alter": 7, "describe": 8, "cluster-action": 9,
    "describe-configs": 10, "alter-configs": 11, "idempotent-write": 12,
};
const ALLOW = 3;
const ANY = 1;

/** Every ACL of the user's principal: any resource, pattern, host, operation and permission. */
function principalFilter(name: string): Kafka.AclFilter {
    return {
        resourceType: ANY, resourceName: null, resourcePatternType: ANY,
        principal: userPrincipal(name), host: null, operation: ANY, permissionType: ANY,
    } as Kafka.AclFilter;
}

function byValue<K extends string>(table: Record<K, number>, value: number): K | undefined {
    return (Object.keys(table) as K[]).find((key) => table[key] === value);
}

export class UserAdmin {
    private readonly admin: Kafka.Admin;

    constructor(private readonly bootstrapServers: string, private readonly connection: KafkaConnection) {
        this.admin = new (kafka().Admin)({
            clientId: "streamstack-users",
            bootstrapBrokers: bootstrapServers.split(",").map((s) => s.trim()).filter(Boolean),
            ...kafkaClientOptions(connection),
        });
    }

    async close(): Promise<void> {
        await this.admin.close();
    }

    /** One request on a connection of its own to the controller (logged in like the admin client). */
    private async onController<T>(request: (connection: Kafka.Connection) => Promise<T>): Promise<T> {
        const metadata = await this.admin.metadata({ topics: [], forceUpdate: true });
        const controller = metadata.brokers.get(metadata.controllerId);
        if (!controller) throw new Error("no controller is known to the cluster");
        const connection = new (kafka().Connection)("streamstack-users", kafkaClientOptions(this.connection));
        try {
            await connection.connect(controller.host, controller.port);
            return await request(connection);
        } finally {
            await connection.close();
        }
    }

    /**
     * A connection of its own to the first bootstrap broker, made again for up to 30 s while it
     * is refused (the first request of a create, right after the brokers' readiness gate).
     */
    private async connected(): Promise<Kafka.Connection> {
        const [host, port] = this.bootstrapServers.split(",")[0]!.trim().split(":");
        return retrying(async () => {
            const connection = new (kafka().Connection)("streamstack-users", kafkaClientOptions(this.connection));
            try {
                await connection.connect(host!, Number(port));
                return connection;
            } catch (error) {
                await connection.close().catch(() => undefined);
                throw error;
            }
        }, CONNECT_RETRY_MS);
    }

    /** Whether the user has a SCRAM-SHA-512 credential. */
    async hasCredential(name: string): Promise<boolean> {
        const { describeUserScramCredentialsV0 } = kafka();
        const connection = await this.connected();
        try {
            const response = await describeUserScramCredentialsV0.api.async(connection, [{ name }]);
            const result = response.results.find((r) => r.user === name);
            return (result?.credentialInfos ?? []).some((info) => info.mechanism === SCRAM_SHA_512);
        } catch (error) {
            if (JSON.stringify((error as { response?: unknown }).response ?? "").includes(`"errorCode":${RESOURCE_NOT_FOUND}`) ||
                /RESOURCE_NOT_FOUND|does not exist|not found/i.test(String((error as Error).message) + JSON.stringify((error as { errors?: unknown }).errors ?? ""))) {
                return false;
            }
            throw error;
        } finally {
            await connection.close();
        }
    }

    /** Sets the user's SCRAM-SHA-512 credential from a password: salted and hashed here, as Kafka's own tools do, so the password never crosses the wire. */
    async setCredential(name: string, password: string): Promise<void> {
        const salt = randomBytes(32);
        const saltedPassword = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 64, "sha512");
        const { alterUserScramCredentialsV0 } = kafka();
        await retrying(() => this.onController((connection) => alterUserScramCredentialsV0.api.async(connection, [],
            [{ name, mechanism: SCRAM_SHA_512, iterations: SCRAM_ITERATIONS, salt, saltedPassword }])));
    }

    /**
     * Resolves once every broker lets the user log in with the password: a credential reaches
     * each broker through a ZooKeeper notification, so a client logging in right after the
     * create (the topic provider, as the topic manager) could meet a broker that has not seen it.
     */
    async waitForLogin(name: string, password: string, timeoutMs = 30_000): Promise<void> {
        const metadata = await this.admin.metadata({ topics: [], forceUpdate: true });
        let pending = [...metadata.brokers.values()];
        let lastRefusal: unknown;
        const accepted = async (broker: { host: string; port: number }): Promise<boolean> => {
            try {
                await kafkaControllerId(broker.host, broker.port, { caCertificate: this.connection.caCertificate, login: scramLogin(name, password), timeoutMs: 5000 });
                return true;
            } catch (error) {
                lastRefusal = error;
                return false;
            }
        };
        await waitUntil(() => `the login ${name} to be accepted by ${pending.map((b) => `${b.host}:${b.port}`).join(", ")} (last refusal: ${(lastRefusal as Error)?.message})`, async () => {
            const refused = [];
            for (const broker of pending) if (!(await accepted(broker))) refused.push(broker);
            pending = refused;
            return pending.length === 0;
        }, timeoutMs);
    }

    async deleteCredential(name: string): Promise<void> {
        const { alterUserScramCredentialsV0 } = kafka();
        await retrying(() => this.onController((connection) => alterUserScramCredentialsV0.api.async(connection, [{ name, mechanism: SCRAM_SHA_512 }], [])));
    }

    /** The allow bindings the authorizer keeps for the user (any host); others are not the provider's. */
    async bindings(name: string): Promise<AclBinding[]> {
        const resources = await this.admin.describeAcls({ filter: principalFilter(name) });
        return resources.flatMap((resource) => resource.acls.flatMap((acl): AclBinding[] => {
            const resourceType = byValue(RESOURCE_TYPES, resource.resourceType);
            const operation = byValue(OPERATIONS, acl.operation);
            const patternType = byValue(PATTERN_TYPES, resource.resourcePatternType);
            if (!resourceType || !operation || !patternType || acl.permissionType !== ALLOW || acl.host !== "*") return [];
            return [{ resourceType, name: resource.resourceName, patternType, operation }];
        }));
    }

    private acl(name: string, binding: AclBinding): Kafka.Acl {
        return {
            resourceType: RESOURCE_TYPES[binding.resourceType], resourceName: binding.name,
            resourcePatternType: PATTERN_TYPES[binding.patternType],
            principal: userPrincipal(name), host: "*", operation: OPERATIONS[binding.operation], permissionType: ALLOW,
        } as Kafka.Acl;
    }

    async createBindings(name: string, bindings: AclBinding[]): Promise<void> {
        if (bindings.length > 0) await retrying(() => this.admin.createAcls({ creations: bindings.map((binding) => this.acl(name, binding)) }));
    }

    async deleteBindings(name: string, bindings: AclBinding[]): Promise<void> {
        if (bindings.length > 0) await retrying(() => this.admin.deleteAcls({ filters: bindings.map((binding) => this.acl(name, binding)) }));
    }

    /** Every ACL of the user's principal, whatever made it. */
    async deleteAllBindings(name: string): Promise<void> {
        await retrying(() => this.admin.deleteAcls({ filters: [principalFilter(name)] }));
    }
}
