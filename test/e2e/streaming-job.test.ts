/**
 * The recovery story, for real: the sample windowed-counts job runs as a
 * `streamstack:spark:StreamingJob` while a known stream of keyed, timestamped events flows in;
 * the ALIVE master is killed, then the worker hosting the driver, then the job's config is
 * changed with `pulumi up`. The output topic must end with exactly the counts computed from the
 * produced events: nothing lost, nothing counted twice.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createStack, E2eStack, outputValues, progress, QUICK_START_JVMS, removeStack, setConfig } from "../../harness/e2e-stack";
import { expectedWindowCounts, KeyedEvent, produceEvents, windowCounts } from "../../harness/event-stream";
import { Brokers, produceAndConsume } from "../../harness/kafka-client";
import { errorChain, isCertificateFailure, NumberedProducer } from "../../harness/numbered-producer";
import { kafkaControllerId } from "../../live";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { aliveMaster as aliveMasterOf, docker, dockerExec, eventually, labelled } from "../../harness/platform-probe";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
const PORTS = { zookeeperClient: 14281, kafkaExternal: 14092, sparkMasterUi: 14080, sparkWorkerUi: 14180 };
const BOOTSTRAP = "127.0.0.1:14092,127.0.0.1:14093,127.0.0.1:14094";
/**
 * The external listener speaks TLS and requires a login here (kafka.secureOnDocker: kafka.security
 * "tls", kafka.authentication "scram-sha-512"): clients verify the brokers against the stack's CA
 * output and log in as its admin, both set once the stack is up. Inside the platform every client
 * logs in too (kafka.internalAuthentication "scram-sha-512", reached from "migrating" by the
 * logins test): the job as its own principal.
 */
const brokers: Brokers = { bootstrap: BOOTSTRAP };
/** The secured platform Docker gets with one setting (TLS and logins outside, logins inside), as Kubernetes has by default. */
const KAFKA = { secureOnDocker: true };

const MASTER_UIS = ["http://127.0.0.1:14080", "http://127.0.0.1:14081"];
const WINDOW_MS = 10_000;
const SLIDE_MS = 5_000;
/**
 * Users of the stack's own (streamstack:users): one allowed to round-trip on tls-roundtrip with
 * the test clients' consumer groups, one allowed only to see another topic exists.
 */
const USERS = [
    { name: "roundtrip", acls: { "topic:tls-roundtrip": ["read", "write", "describe"], "group:streamstack-e2e-*": ["read"] } },
    { name: "outsider", acls: { "topic:events": ["describe"] } },
];
let users: Record<string, { username: string; password: string }> = {};

const TOPICS = [
    { name: "events", partitions: 4, replicationFactor: 3 },
    { name: "event-counts", partitions: 2, replicationFactor: 3, config: { "cleanup.policy": "compact" } },
    // The TLS round trip's own: a message in "events" would be counted by the job.
    { name: "tls-roundtrip", partitions: 1, replicationFactor: 3 },
    // Written through the CA rotation by acks=all producers (one trusting the first CA while
    // the brokers roll to trust the next, one holding both while they roll onto it), then audited.
    { name: "ca-trust", partitions: 3, replicationFactor: 3 },
    { name: "ca-rotation", partitions: 3, replicationFactor: 3 },
    // Written by an acks=all producer while the brokers move to logins inside the platform.
    { name: "internal-logins", partitions: 3, replicationFactor: 3 },
];
const job = (trigger: string) => [{
    name: "windowed-counts",
    args: { "input-topic": "events", "output-topic": "event-counts", window: "10 seconds", slide: "5 seconds", trigger },
    cores: 2,
    executorMemory: "512m",
}];

interface JobOutput { driverId: string; driverState: string; workerId: string; uiUrl: string }

const aliveMaster = () => aliveMasterOf(MASTER_UIS);

/**
 * A steady stream of keyed events stamped with the wall clock, every one remembered. Its
 * producer is neither idempotent nor retried (a failed send may still have written part of its
 * batch, which the exact counts could not account for), so it pauses (stop, start) around
 * anything that restarts brokers; the NumberedProducer is what writes through a roll.
 */
class EventSource {
    readonly events: KeyedEvent[] = [];
    private running = false;
    private loop: Promise<void> | undefined;

    start(perSecond: number): void {
        this.running = true;
        this.loop = (async () => {
            for (let tick = 0; this.running; tick++) {
                const now = Date.now();
                const batch = Array.from({ length: perSecond / 2 }, (_, i) => ({ key: `k${(tick + i) % 7}`, timestampMs: now + i }));
                await produceEvents(brokers, "events", batch);
                this.events.push(...batch);
                await new Promise((resolve) => setTimeout(resolve, Math.max(0, 500 - (Date.now() - now))));
            }
        })();
    }

    async stop(): Promise<void> {
        this.running = false;
        await this.loop;
    }
}

describe("a streaming job survives master, worker and driver loss", { timeout: 30 * 60_000 }, () => {
    let e2e: E2eStack;
    const source = new EventSource();
    const container = (member: string) => `${e2e.prefix}-${member}`;
    const seconds = (since: number) => Number(((Date.now() - since) / 1000).toFixed(1));
    const report = (line: string) => process.stderr.write(`[streaming-job] ${line}\n`);
    /** The job resource's recorded outputs (a refresh updates these, not the stack's exports). */
    const jobState = async (): Promise<JobOutput> => {
        const deployment = (await e2e.stack.exportStack()).deployment as { resources: { type: string; outputs: JobOutput }[] };
        const resource = deployment.resources.find((r) => r.type === "streamstack:spark:StreamingJob");
        assert.ok(resource, "the stack records a streamstack:spark:StreamingJob");
        return resource.outputs;
    };
    /**
     * Resolves once the output topic holds a count for a window that started after `since`: an
     * upper bound of the recovery time, by up to one slide (5 s) of window alignment.
     */
    const resultsAfter = (since: number) => eventually("new windowed counts in the output topic", async () => {
        const counts = await windowCounts(brokers, "event-counts");
        return [...counts.keys()].some((key) => Date.parse(key.split("/")[0]) >= since) ? true : undefined;
    }, 240_000, 2_000);

    before(async () => {
        e2e = await createStack(`e2e-job-${process.pid}`, { target: "docker", kafka: { ...KAFKA, internalAuthentication: "migrating" }, ports: PORTS, topics: TOPICS, users: USERS, jobs: job("2 seconds"), ...QUICK_START_JVMS });
        await e2e.stack.up({ onOutput: progress(e2e.name) });
        const outputs = outputValues(await e2e.stack.outputs());
        brokers.caCertificate = outputs.kafkaCaCertificate as string;
        brokers.login = { mechanism: "SCRAM-SHA-512", username: outputs.kafkaAdminUsername as string, password: outputs.kafkaAdminPassword as string };
        users = outputs.kafkaUsers as Record<string, { username: string; password: string }>;
        source.start(100);
    });

    after(async () => {
        await source.stop();
        if (e2e) await removeStack(e2e);
    });

    it("submits the job in cluster mode with supervision: its driver runs on a worker and counts arrive", async () => {
        const exported = (outputValues(await e2e.stack.outputs()).streamingJobs as Record<string, JobOutput>)["windowed-counts"];
        const output = await jobState();
        assert.deepEqual(exported, { driverId: output.driverId, driverState: output.driverState, workerId: output.workerId, uiUrl: output.uiUrl });
        assert.equal(output.driverState, "RUNNING");
        assert.match(output.driverId, /^driver-\d{14}-\d{4}$/);
        assert.match(output.uiUrl, /^http:\/\/127\.0\.0\.1:1408[01]\/app\/\?appId=app-/);
        await resultsAfter(Date.now());
    });

    it("lets no one in without the secret: no REST gateway, spark-submit without it or with a wrong one refused, the secret and ZooKeeper's passwords nowhere in the clear", async () => {
        const masters = [0, 1].map((i) => container(`spark-master-${i}`));
        for (const master of masters) {
            // bash's /dev/tcp: a refused connection is a non-zero exit.
            await assert.rejects(dockerExec(master, ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/6066"]), /Connection refused/, `${master} listens on 6066`);
        }
        const image = (await docker(["inspect", "--format", "{{.Image}}", masters[0]!])).trim();
        const masterUrl = "spark://spark-master-0:7077,spark-master-1:7077";
        const driversBefore = (await eventually("an ALIVE master", aliveMaster)).state.activedrivers.length;
        const submitWith = async (conf: string[]) => {
            const started = Date.now();
            const outcome = await promisify(execFile)("docker", ["run", "--rm", "--network", e2e.prefix, image, "timeout", "120", "/opt/spark/bin/spark-submit",
                "--master", masterUrl, "--deploy-mode", "cluster", ...conf, "--class", "streamstack.examples.SparkPi",
                "/opt/spark/examples/jars/streamstack-examples.jar", "2"], { maxBuffer: 16 * 1024 * 1024 }).then(() => "submitted", (error: { stderr?: string }) => error.stderr ?? "");
            report(`spark-submit ${conf.length === 0 ? "without the secret" : "with a wrong secret"}: refused after ${seconds(started)} s`);
            return outcome;
        };
        // Both at once: each waits ~10 s for the master to drop it, and neither depends on the other.
        const [withoutSecret, withWrongSecret] = await Promise.all([
            submitWith([]),
            submitWith(["--conf", "spark.authenticate=true", "--conf", "spark.authenticate.secret=wrong", "--conf", "spark.network.crypto.enabled=true"]),
        ]);
        assert.notEqual(withoutSecret, "submitted");
        assert.notEqual(withWrongSecret, "submitted");
        assert.equal((await aliveMaster())?.state.activedrivers.length, driversBefore, "no driver was launched");

        const secret = (await docker(["run", "--rm", "-v", `${e2e.prefix}-spark-master-secret-files:/s:ro`, image, "cat", "/s/spark-auth"])).trim();
        assert.ok(secret.length >= 40, "the secret is a generated one");
        // The state as the backend holds it (the Automation API's exportStack shows secrets).
        const state = (await promisify(execFile)("pulumi", ["stack", "export", "--stack", e2e.name], { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 })).stdout;
        assert.ok(state.includes("streamstack:security:GeneratedSecret") && !state.includes(secret), "the secret is in the state file in the clear");
        const inspected = await docker(["inspect", ...(await labelled("container", e2e.prefix))]);
        assert.ok(!inspected.includes(secret), "the secret is in a container's configuration (docker inspect)");
        const worker = container(`spark-worker-0`);
        const commandLines = await dockerExec(worker, ["bash", "-c", "cat /proc/[0-9]*/cmdline | tr '\\0' ' '"]);
        assert.ok(!commandLines.includes(secret), "the secret is on a command line in a worker");

        // ZooKeeper's passwords (every principal's, in the servers' JAAS file) the same way.
        const serverJaas = await docker(["run", "--rm", "--user", "1000", "-v", `${e2e.prefix}-zookeeper-secret-files:/s:ro`, image, "cat", "/s/zookeeper-server.jaas"]);
        const passwords = [...serverJaas.matchAll(/(?:user_\w+|password)="([^"]+)"/g)].map((m) => m[1]!);
        assert.equal(new Set(passwords).size, 3, "three generated passwords: kafka, spark, quorum");
        const masterCommandLines = await dockerExec(container("spark-master-0"), ["bash", "-c", "cat /proc/[0-9]*/cmdline | tr '\\0' ' '"]);
        for (const password of passwords) {
            assert.ok(password.length >= 40, "a generated password");
            assert.ok(!state.includes(password), "a ZooKeeper password is in the state file in the clear");
            assert.ok(!inspected.includes(password), "a ZooKeeper password is in a container's configuration (docker inspect)");
            assert.ok(!masterCommandLines.includes(password), "a ZooKeeper password is on a command line in a master");
        }
    });

    it("speaks TLS only on Kafka's external listener and lets in only a login: plaintext, another CA, another name, no login and a wrong password are refused; acks=all round trips verified against the CA output", async () => {
        assert.match(brokers.caCertificate ?? "", /^-----BEGIN CERTIFICATE-----/);
        assert.equal(brokers.login?.username, "streamstack-admin");
        const { caCertificate, login } = brokers;
        const [host, port] = ["127.0.0.1", 14093];
        // A Metadata request in plaintext gets no Kafka answer: the broker expects a TLS handshake.
        await assert.rejects(kafkaControllerId(host, port, { timeoutMs: 3000 }), "a plaintext client was answered");
        assert.equal(typeof await kafkaControllerId(host, port, { caCertificate, login }), "number");
        const stranger = (await promisify(execFile)("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "/dev/null", "-subj", "/CN=another CA", "-days", "1"])).stdout;
        await assert.rejects(kafkaControllerId(host, port, { caCertificate: stranger }), /self-signed certificate in certificate chain|unable to verify/);
        // The broker's certificate names 127.0.0.1 and kafka-1, not "localhost": hostname verification is on.
        await assert.rejects(kafkaControllerId("localhost", port, { caCertificate }), /Hostname\/IP does not match certificate's altnames/);
        // Over verified TLS, a client that does not log in gets no answer (the broker closes the
        // connection at its first request); one with a wrong password is refused by SCRAM.
        await assert.rejects(kafkaControllerId(host, port, { caCertificate, timeoutMs: 3000 }), /closed the connection without a Metadata answer/);
        const refusal = await kafkaControllerId(host, port, { caCertificate, login: { ...login!, password: "wrong" } }).then(() => "answered", errorChain);
        assert.match(refusal, /SASL authentication failed/);
        const roundTrip = await produceAndConsume(brokers, "tls-roundtrip", 50);
        assert.deepEqual(roundTrip, Array.from({ length: 50 }, (_, i) => `message-${i}`), "every message read back over TLS, logged in, in order");
        // The brokers' private keys: secrets in the state, in files only the broker's user reads, nowhere in docker inspect.
        const state = (await promisify(execFile)("pulumi", ["stack", "export", "--stack", e2e.name], { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 })).stdout;
        assert.ok(state.includes("streamstack:security:Certificate") && !state.includes("PRIVATE KEY"), "a private key is in the state file in the clear");
        const inspected = await docker(["inspect", ...(await labelled("container", e2e.prefix))]);
        assert.ok(!inspected.includes("PRIVATE KEY"), "a private key is in a container's configuration (docker inspect)");
        const mode = await dockerExec(container("kafka-1"), ["stat", "-c", "%a %u", "/etc/streamstack-secrets/kafka-tls-1.pem"]);
        assert.equal(mode.trim(), "400 1000", "the key store is readable by the broker's user alone");
        // The admin's password: a secret in the state, in no container's configuration, on no broker's command line.
        const password = login!.password;
        assert.ok(password.length >= 40, "a generated password");
        assert.ok(!state.includes(password), "the Kafka admin password is in the state file in the clear");
        assert.ok(!inspected.includes(password), "the Kafka admin password is in a container's configuration (docker inspect)");
        const brokerCommandLines = await dockerExec(container("kafka-1"), ["bash", "-c", "cat /proc/[0-9]*/cmdline | tr '\\0' ' '"]);
        assert.ok(!brokerCommandLines.includes(password), "the Kafka admin password is on a command line in a broker");
    });

    it("lets a user do what its ACLs allow and nothing else (streamstack:users): acks=all round trip with the ACL, an authorization error without; refresh shows an ACL removed behind Pulumi's back, and up puts it back", async () => {
        const as = (name: string): Brokers => ({ ...brokers, login: { mechanism: "SCRAM-SHA-512", username: users[name]!.username, password: users[name]!.password } });
        assert.ok(users.roundtrip!.password.length >= 40, "a generated password");
        const roundTrip = await produceAndConsume(as("roundtrip"), "tls-roundtrip", 20);
        // Its 20 acks=all messages accepted, and the topic read back from the start (the admin's 50 before them).
        assert.ok(roundTrip.length >= 20, "the user with the ACL round-trips acks=all messages over TLS");
        const refused = await produceAndConsume(as("outsider"), "tls-roundtrip", 1, 10_000).then(() => "allowed", errorChain);
        assert.match(refused, /authoriz/i, "a user without an ACL on the topic gets an authorization error");
        // The topic provider's own login made every topic of this stack; it may not write a record.
        const exported = (await e2e.stack.exportStack()).deployment as { resources: { type: string; urn: string; outputs?: Record<string, unknown> }[] };
        const manager = exported.resources.find((r) => r.type === "streamstack:kafka:User" && r.urn.endsWith("::streamstack-kafka-topic-manager"));
        assert.ok(manager?.outputs, "the stack records the topic manager");
        const secret = manager.outputs.password;
        const managerLogin = { mechanism: "SCRAM-SHA-512" as const, username: "streamstack-topics", password: typeof secret === "string" ? secret : JSON.parse((secret as { plaintext: string }).plaintext) as string };
        const managerWrite = await produceAndConsume({ ...brokers, login: managerLogin }, "tls-roundtrip", 1, 10_000).then(() => "allowed", errorChain);
        assert.match(managerWrite, /authoriz/i, "the topic manager may not write a record");
        // Drift: an ACL removed with Kafka's own admin API, as an operator's tool would.
        const { UserAdmin } = await import("../../plugins/streamstack/kafka/user-admin");
        const admin = new UserAdmin(brokers.bootstrap, brokers);
        try {
            await admin.deleteBindings("roundtrip", [{ resourceType: "group", name: "streamstack-e2e-", patternType: "prefixed", operation: "read" }]);
        } finally {
            await admin.close();
        }
        const deployment = await e2e.stack.exportStack();
        const user = (deployment.deployment.resources as { urn: string; type: string }[]).find((r) => r.type === "streamstack:kafka:User" && r.urn.endsWith("roundtrip"))!;
        const refresh = await e2e.stack.refresh({ target: [user.urn], onOutput: progress(e2e.name) });
        assert.equal(refresh.summary.resourceChanges?.update, 1, "refresh shows the user's ACLs changed");
        const refused2 = await produceAndConsume(as("roundtrip"), "tls-roundtrip", 1, 10_000).then(() => "allowed", errorChain);
        assert.match(refused2, /authoriz|within 10000 ms/i, "without its group ACL the user cannot consume");
        const up = await e2e.stack.up({ target: [user.urn], onOutput: progress(e2e.name) });
        assert.equal(up.summary.resourceChanges?.update, 1, "up puts the ACL back");
        assert.ok((await produceAndConsume(as("roundtrip"), "tls-roundtrip", 5)).length >= 5, "the user consumes again");
        // The passwords: secrets in the state, in no container's configuration.
        const state = (await promisify(execFile)("pulumi", ["stack", "export", "--stack", e2e.name], { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 })).stdout;
        assert.ok(state.includes("streamstack:kafka:User") && !state.includes(users.roundtrip!.password), "a user's password is in the state file in the clear");
        // A user removed from the config is deleted from the cluster: its login and its ACLs.
        await setConfig(e2e.stack, { users: USERS.filter((entry) => entry.name !== "outsider") });
        const removal = await e2e.stack.up({ onOutput: progress(e2e.name) });
        assert.equal(removal.summary.resourceChanges?.delete, 1, "the user is deleted");
        const gone = await kafkaControllerId("127.0.0.1", 14093, { caCertificate: brokers.caCertificate, login: as("outsider").login }).then(() => "answered", errorChain);
        assert.match(gone, /SASL authentication failed/, "the deleted user can no longer log in");
        const after = new UserAdmin(brokers.bootstrap, brokers);
        try {
            assert.deepEqual(await after.bindings("outsider"), [], "no ACL of the deleted user is left");
        } finally {
            await after.close();
        }
        // The PR review of adding it back (the real engine's preview of this stack): the change
        // shown, no password or private key in its Markdown.
        await setConfig(e2e.stack, { users: USERS });
        const review = (await promisify(execFile)("node", [path.join(PROJECT_DIR, "build", "scripts", "review.js"), "--stack", e2e.name],
            { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 })).stdout;
        await setConfig(e2e.stack, { users: USERS.filter((entry) => entry.name !== "outsider") });
        assert.match(review, /kafka-user-outsider/, "the review shows the user it adds");
        for (const secret of [brokers.login!.password, users.roundtrip!.password, users.outsider!.password]) {
            assert.ok(!review.includes(secret), "a Kafka password is in the review's Markdown");
        }
        assert.ok(!review.includes("PRIVATE KEY"), "a private key is in the review's Markdown");
    });

    it("asks every client inside the platform for a login (kafka.internalAuthentication): made at \"migrating\", one up to \"scram-sha-512\" under the job and an acks=all producer loses nothing; then nothing on 9092, none refused on 9093, the readiness check's ANONYMOUS sees topics and reads none; the job logs in as its own principal, allowed its topics only", async () => {
        // The last step of moving a running platform: INTERNAL goes (the jobs are on CLIENTS already).
        const writer = new NumberedProducer({ ...brokers }, "internal-logins");
        let stepSeconds = 0;
        await source.stop();
        writer.start();
        try {
            await new Promise((resolve) => setTimeout(resolve, 2_000));
            const stepStarted = Date.now();
            await setConfig(e2e.stack, { kafka: KAFKA });
            await e2e.stack.up({ onOutput: progress(e2e.name) });
            stepSeconds = seconds(stepStarted);
            await new Promise((resolve) => setTimeout(resolve, 2_000));
        } finally {
            await writer.stop();
            source.start(100);
        }
        const audit = await writer.audit();
        report(`logins inside the platform, "migrating" to "scram-sha-512": ${stepSeconds} s (3 brokers rolled); ${writer.acked.size} acknowledged, ${audit.lost.length} lost, ` +
            `longest error window ${writer.longestErrorWindowMs} ms`);
        assert.ok(writer.acked.size > 0, "the producer wrote");
        assert.deepEqual(audit.lost, [], "every acknowledged message survives the step");

        const tool = (command: string) => `echo "== ${command.split(" ")[0]}"; KAFKA_HEAP_OPTS=-Xmx64m timeout 25 ${command} 2>&1 || true`;
        const admin = "--command-config /etc/streamstack-secrets/kafka-admin-client.properties";
        const started = Date.now();
        const out = await dockerExec(container("kafka-0"), ["bash", "-c", [
            "echo '== 9092'; (exec 3<>/dev/tcp/kafka-1/9092) 2>&1 || true",
            // No login on CLIENTS: the broker drops the connection, the tool gets no answer (within 8 s).
            "printf 'default.api.timeout.ms=8000\\nrequest.timeout.ms=4000\\n' > /tmp/no-login.properties",
            tool("kafka-topics.sh --bootstrap-server kafka-1:9093 --describe --topic events --command-config /tmp/no-login.properties"),
            tool(`kafka-topics.sh --bootstrap-server kafka-1:9093 ${admin} --describe --topic events`),
            tool(`kafka-acls.sh --bootstrap-server kafka-1:9093 ${admin} --list --principal User:streamstack-job-windowed-counts`),
            // ANONYMOUS: the brokers' own loopback listener, where the readiness check reads the ISRs.
            "echo '== in-sync.pl'; perl /etc/streamstack/in-sync.pl 9090 && echo in-sync",
            tool("kafka-console-consumer.sh --bootstrap-server 127.0.0.1:9090 --topic events --from-beginning --max-messages 1 --timeout-ms 10000"),
        ].join("; ")], 180_000);
        report(`inside the platform: 6 checks in ${seconds(started)} s`);
        const [, closed, anonymous, logged, jobAcls, probeDescribe, probeRead] = out.split(/^== .*$/m);
        assert.match(closed ?? "", /Connection refused/, out);
        assert.doesNotMatch(anonymous ?? "", /Topic: events\s+TopicId/, `a client without a login was answered on 9093: ${out}`);
        assert.match(logged ?? "", /Topic: events\s+TopicId/, out);
        // The job's principal may read its input, write its output, and use the groups named after it; nothing else.
        const bindings = [...(jobAcls ?? "").matchAll(/ResourcePattern\(resourceType=(\w+), name=([^,]+), patternType=(\w+)\)/g)].map((m) => `${m[1]}:${m[2]}:${m[3]}`).sort();
        assert.deepEqual(bindings, ["GROUP:streamstack-job-windowed-counts:PREFIXED", "TOPIC:event-counts:LITERAL", "TOPIC:events:LITERAL"], out);
        assert.match(probeDescribe ?? "", /^in-sync$/m, out);
        assert.match(probeRead ?? "", /AuthorizationException|Not authorized to access|Processed a total of 0 messages/, out);
        assert.doesNotMatch(probeRead ?? "", /Processed a total of [1-9]/, out);

        // The job's login, derived as its agent derives it, from the host through the external
        // listener: its own topics, and an authorization error for anyone else's.
        const image = (await docker(["inspect", "--format", "{{.Image}}", container("spark-master-0")])).trim();
        const secret = (await docker(["run", "--rm", "-v", `${e2e.prefix}-spark-master-secret-files:/s:ro`, image, "cat", "/s/spark-auth"])).trim();
        const { jobPassword } = await import("../../components/kafka/job-principal");
        const asJob: Brokers = { ...brokers, login: { mechanism: "SCRAM-SHA-512", username: "streamstack-job-windowed-counts", password: jobPassword(secret, "streamstack-job-windowed-counts") } };
        const elsewhere = await produceAndConsume(asJob, "tls-roundtrip", 1, 10_000).then(() => "allowed", errorChain);
        assert.match(elsewhere, /authoriz/i, "the job's principal may not use another topic");
        const state = (await promisify(execFile)("pulumi", ["stack", "export", "--stack", e2e.name], { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 })).stdout;
        assert.ok(state.includes("streamstack-job-windowed-counts") && !state.includes(asJob.login!.password), "the job's password is in the state file in the clear");
        const commandLines = await dockerExec(container("spark-worker-0"), ["bash", "-c", "cat /proc/[0-9]*/cmdline | tr '\\0' ' '"]);
        assert.ok(commandLines.includes("-Dstreamstack.kafka.login=streamstack-job-windowed-counts") || (await dockerExec(container("spark-worker-1"), ["bash", "-c", "cat /proc/[0-9]*/cmdline | tr '\\0' ' '"])).includes("streamstack.kafka.login"),
            "a driver or executor runs with the job's principal");
        assert.ok(!commandLines.includes(asJob.login!.password), "the job's password is on a command line in a worker");
    });

    it("rotates Kafka's CA by up with no client outage: a new CA trusted (the brokers roll to trust it between themselves), then signing (the brokers roll under an acks=all producer holding the two-CA bundle), then the old one retired: 0 lost, no TLS failure; an up that skips the trust step is refused at preview", async () => {
        const kafka = (rotation: Record<string, unknown>) => ({ kafka: { ...KAFKA, ...rotation } });
        const brokerIds = async () => (await docker(["inspect", "-f", "{{.Id}}", ...["kafka-0", "kafka-1", "kafka-2"].map(container)])).trim();
        const bundle = async () => outputValues(await e2e.stack.outputs()).kafkaCaCertificate as string;
        const certificates = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
        const [host, port] = ["127.0.0.1", 14092];
        const firstCa = brokers.caCertificate!;
        const idsBefore = await brokerIds();

        await setConfig(e2e.stack, kafka({ certificateAuthorities: ["ca", "ca-next"], signingCa: "ca-next" }));
        const refused = await e2e.stack.preview().then(() => "accepted", errorChain);
        assert.match(refused, /kafka\.signingCa "ca-next" is not trusted by the running platform's clients yet/);
        assert.match(refused, /Add "ca-next" to kafka\.certificateAuthorities in an up of its own/);

        // Clients still trust the first CA alone: the brokers present certificates it signed.
        const trustProducer = new NumberedProducer({ ...brokers }, "ca-trust");
        let producer: NumberedProducer | undefined;
        // Before the brokers show the new CA's certificates, which it would not verify; once.
        let trustStopped: Promise<void> | undefined;
        const stopTrustProducer = () => (trustStopped ??= trustProducer.stop());
        let trustSeconds: number, signSeconds: number, retireSeconds: number, twoCas: string;
        let trustAudit: Awaited<ReturnType<NumberedProducer["audit"]>> | undefined;
        await source.stop();
        trustProducer.start();
        try {
            await new Promise((resolve) => setTimeout(resolve, 2_000));
            let startedAt = Date.now();
            await setConfig(e2e.stack, kafka({ certificateAuthorities: ["ca", "ca-next"] }));
            await e2e.stack.up({ onOutput: progress(e2e.name) });
            trustSeconds = seconds(startedAt);
            await stopTrustProducer();
            // Now, while the brokers still show certificates of the only CA it trusts.
            trustAudit = await trustProducer.audit();
            twoCas = await bundle();
            assert.equal(certificates(twoCas), 2, "the output holds both CAs");
            assert.ok(twoCas.startsWith(firstCa), "the first CA is kept as it was");
            const idsTrusting = await brokerIds();
            assert.notEqual(idsTrusting, idsBefore, "the brokers rolled to trust the new CA on REPLICATION before any of them shows it");
            brokers.caCertificate = twoCas;
            producer = new NumberedProducer({ ...brokers }, "ca-rotation");
            producer.start();
            await new Promise((resolve) => setTimeout(resolve, 2_000));
            startedAt = Date.now();
            await setConfig(e2e.stack, kafka({ certificateAuthorities: ["ca", "ca-next"], signingCa: "ca-next" }));
            await e2e.stack.up({ onOutput: progress(e2e.name) });
            signSeconds = seconds(startedAt);
            const idsSigned = await brokerIds();
            assert.notEqual(idsSigned, idsTrusting, "the brokers rolled onto certificates the new CA signed");
            const refusedByFirstCa = await kafkaControllerId(host, port, { caCertificate: firstCa, timeoutMs: 3000 }).then(() => "answered", errorChain);
            assert.match(refusedByFirstCa, /unable to get local issuer certificate|unable to verify|self-signed/, "a client trusting only the first CA no longer verifies the brokers");
            startedAt = Date.now();
            await setConfig(e2e.stack, kafka({ certificateAuthorities: ["ca-next"] }));
            await e2e.stack.up({ onOutput: progress(e2e.name) });
            retireSeconds = seconds(startedAt);
            assert.notEqual(await brokerIds(), idsSigned, "the brokers rolled to stop trusting the retired CA");
            await new Promise((resolve) => setTimeout(resolve, 2_000));
        } finally {
            await stopTrustProducer();
            await producer?.stop();
            source.start(100);
        }
        assert.ok(producer);
        const signAudit = await producer.audit();
        for (const [step, writer, audit] of [["trust", trustProducer, trustAudit!], ["sign and retire", producer, signAudit]] as const) {
            report(`CA rotation, ${step}: ${writer.acked.size} acknowledged, ${audit.lost.length} lost, ${writer.errors} failed sends, longest error window ${writer.longestErrorWindowMs} ms` +
                (writer.errorMessages.size > 0 ? ` (${[...writer.errorMessages].join(" | ")})` : ""));
            assert.ok(writer.acked.size > 0, `${step}: the producer wrote`);
            assert.deepEqual(audit.lost, [], `${step}: every acknowledged message survives the rotation`);
            assert.deepEqual([...writer.errorMessages].filter(isCertificateFailure), [], `${step}: no reconnect of the producer failed verification`);
        }
        report(`CA rotation: trust ${trustSeconds} s, sign ${signSeconds} s, retire ${retireSeconds} s (3 brokers rolled in each)`);

        const retired = await bundle();
        assert.equal(certificates(retired), 1, "the old CA is gone from the output");
        assert.ok(twoCas.endsWith(retired.trim()), "what is left is the CA that signs");
        brokers.caCertificate = retired;
        // Read from the start: the first ten are this test's or an earlier one's, the same values either way.
        const roundTrip = await produceAndConsume(brokers, "tls-roundtrip", 10);
        assert.deepEqual(roundTrip.slice(0, 10), Array.from({ length: 10 }, (_, i) => `message-${i}`), "a client holding the new output round-trips");
    });

    it("keeps the job when anyone posts the masters' UI kill buttons (spark.ui.killEnabled off)", async () => {
        const { driverId } = await jobState();
        const alive = await eventually("an ALIVE master", aliveMaster);
        const app = alive.state.activeapps.find((a) => a.name === "windowed-counts");
        assert.ok(app, "the job's application is registered");
        // What a browser's kill button sends; with the setting on, the master kills either at once.
        for (const kill of [`/driver/kill/?id=${driverId}&terminate=true`, `/app/kill/?id=${app.id}&terminate=true`]) {
            await fetch(`${MASTER_UIS[alive.index]}${kill}`, { method: "POST", redirect: "manual" });
        }
        const posted = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 5000));
        const after = await eventually("an ALIVE master", aliveMaster);
        assert.deepEqual(after.state.activedrivers.find((d) => d.id === driverId)?.state, "RUNNING", "the driver still runs");
        assert.ok(after.state.activeapps.some((a) => a.id === app.id), "the application is still registered");
        await resultsAfter(posted);
    });

    it("keeps producing results when the ALIVE master is killed (the standby recovers through ZooKeeper)", async () => {
        const leader = await eventually("an ALIVE master", aliveMaster);
        const killedAt = Date.now();
        await docker(["kill", container(`spark-master-${leader.index}`)]);
        const results = resultsAfter(killedAt).then(() => report(`master failover: new results ${seconds(killedAt)} s after the kill`));
        const standby = await eventually("the standby master ALIVE with the job's app re-registered", async () => {
            const alive = await aliveMaster();
            return alive && alive.index !== leader.index && alive.state.activeapps.some((app) => app.name === "windowed-counts") ? alive : undefined;
        }, 180_000);
        report(`master failover: standby ALIVE with the app after ${seconds(killedAt)} s`);
        assert.ok(standby.state.activedrivers.some((driver) => driver.state === "RUNNING"), "the driver survives the master's loss");
        await results;
        await docker(["start", container(`spark-master-${leader.index}`)]);
    });

    it("restarts the driver on another worker when the worker hosting it is killed, from the checkpoint", async () => {
        const before = await eventually("the driver RUNNING", async () => {
            const alive = await aliveMaster();
            const driver = alive?.state.activedrivers.find((d) => d.state === "RUNNING");
            const host = driver && alive?.state.workers.find((w) => w.id === driver.worker)?.host;
            return driver && host ? { driver, host } : undefined;
        });
        const killedAt = Date.now();
        await docker(["kill", container(before.host)]);
        const results = resultsAfter(killedAt).then(() => report(`worker loss: new results ${seconds(killedAt)} s after the kill`));
        const relaunched = await eventually("a new driver RUNNING on another worker", async () => {
            const alive = await aliveMaster();
            const driver = alive?.state.activedrivers.find((d) => d.state === "RUNNING" && d.id !== before.driver.id);
            return driver && !driver.worker.includes(before.host) ? driver : undefined;
        }, 240_000);
        report(`worker loss: driver ${relaunched.id} RUNNING on ${relaunched.worker} after ${seconds(killedAt)} s`);
        // The lost worker comes back (a restart policy or the next up would do the same); the
        // relaunched driver then gets executor cores on it.
        await docker(["start", container(before.host)]);
        await results;

        // read reports the new driver: a refresh records it, RUNNING.
        await e2e.stack.refresh({ onOutput: progress(e2e.name) });
        const output = await jobState();
        assert.equal(output.driverId, relaunched.id);
        assert.equal(output.driverState, "RUNNING");
    });

    it("stops the driver gracefully and resubmits from the same checkpoint when its config changes", async () => {
        const previous = await jobState();
        await setConfig(e2e.stack, { jobs: job("3 seconds") });
        const startedAt = Date.now();
        const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
        report(`config change: pulumi up (stop + resubmit) took ${seconds(startedAt)} s`);
        // Windows that start after the up returned can only come from the new driver.
        const upReturnedAt = Date.now();
        const results = resultsAfter(upReturnedAt).then(() => report(`config change: new results ${seconds(upReturnedAt)} s after the up returned`));
        assert.equal(result.summary.resourceChanges?.update, 1, "one update: the job, nothing else");
        const output = await jobState();
        assert.notEqual(output.driverId, previous.driverId);
        assert.equal(output.driverState, "RUNNING");
        await results;
    });

    it("ends with exactly the counts computed from the produced events: nothing lost, nothing double-counted", async () => {
        await source.stop();
        const expected = expectedWindowCounts(source.events, WINDOW_MS, SLIDE_MS);
        const stoppedAt = Date.now();
        let last = new Map<string, number>();
        try {
            await eventually("the output topic to match the produced events", async () => {
                last = await windowCounts(brokers, "event-counts");
                return [...expected].every(([key, count]) => last.get(key) === count) && last.size === expected.size ? true : undefined;
            }, 180_000, 3_000);
        } finally {
            const wrong = [...expected].filter(([key, count]) => last.get(key) !== count).slice(0, 5);
            report(`${source.events.length} events, ${expected.size} (window, key) counts; caught up ${seconds(stoppedAt)} s after the source stopped; first mismatches: ${JSON.stringify(wrong.map(([k, c]) => [k, c, last.get(k)]))}`);
        }
        assert.deepEqual(new Map([...last].sort()), new Map([...expected].sort()));
    });

    it("counts a 60,000-event backlog exactly, and reports the events/s it sustained", async () => {
        const base = Date.now();
        const burst: KeyedEvent[] = Array.from({ length: 60_000 }, (_, i) => ({ key: `b${i % 50}`, timestampMs: base + Math.floor(i / 10) }));
        await produceEvents(brokers, "events", burst);
        const producedAt = Date.now();
        const expected = expectedWindowCounts(burst, WINDOW_MS, SLIDE_MS);
        await eventually("the burst counted", async () => {
            const counts = await windowCounts(brokers, "event-counts");
            return [...expected].every(([key, count]) => counts.get(key) === count) ? true : undefined;
        }, 300_000, 2_000);
        const rate = burst.length / ((Date.now() - producedAt) / 1000);
        report(`throughput: ${burst.length} events counted in ${seconds(producedAt)} s after produce = ${rate.toFixed(0)} events/s (a lower bound: 2 s polls)`);
    });
});
