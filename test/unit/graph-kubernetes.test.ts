import * as assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { mockGraph, RegisteredResource } from "../../operations/mock-graph";
import { kubernetesConfig } from "../support/kubernetes-settings";

/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes manifests are deep untyped JSON here. */
type Manifest = Record<string, any>;

describe("Kubernetes target resource graph", () => {
    let graph: RegisteredResource[];
    const ofType = (type: string) => graph.filter((r) => r.type === type).map((r) => r.inputs as Manifest);
    /** A group's ConfigMap, by its Pulumi name in the platform's scope (the Kubernetes name is generated). */
    const configMap = (name: string) => graph.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && r.name === `streamstack-${name}`)?.inputs as Manifest | undefined;
    const statefulSet = (name: string) => ofType("kubernetes:apps/v1:StatefulSet").find((s) => s.metadata.name === name)!;
    const container = (name: string) => statefulSet(name).spec.template.spec.containers[0];

    before(async () => {
        graph = await mockGraph(resolveSettings(kubernetesConfig({ kubernetes: { namespace: "data", clientNamespaces: ["apps"] } })), "k8s");
    });

    it("creates the namespace from stack config", () => {
        assert.deepEqual(ofType("kubernetes:core/v1:Namespace").map((n) => n.metadata.name), ["data"]);
    });

    it("creates one StatefulSet per group with the configured replicas", () => {
        const sets = Object.fromEntries(ofType("kubernetes:apps/v1:StatefulSet").map((s) => [s.metadata.name, s.spec.replicas]));
        assert.deepEqual(sets, { zookeeper: 3, kafka: 3, "spark-master": 2, "spark-worker": 2 });
    });

    it("creates a headless and a client Service per group, and a NodePort Service per member for external clients", () => {
        const services = ofType("kubernetes:core/v1:Service");
        assert.equal(services.filter((s) => s.spec.type !== "NodePort" && !/^(kafka|zookeeper)-\d$/.test(s.metadata.name)).length, 8);
        const nodePorts = Object.fromEntries(services.filter((s) => s.spec.type === "NodePort").map((s) =>
            [s.metadata.name, s.spec.ports.map((p: Manifest) => `${p.port}->${p.nodePort}`).join(",")]));
        // The numbers brokers advertise (ports.kafkaExternal + i); ZooKeeper has none.
        assert.deepEqual(nodePorts, {
            "kafka-0-external": "9094->30092", "kafka-1-external": "9094->30093", "kafka-2-external": "9094->30094",
            "spark-master-0-external": "8080->30080", "spark-master-1-external": "8080->30081",
            "spark-worker-0-external": "8081->30180", "spark-worker-1-external": "8081->30181",
        });
        const kafka1 = services.find((s) => s.metadata.name === "kafka-1-external")!;
        assert.deepEqual(kafka1.spec.selector, { "statefulset.kubernetes.io/pod-name": "kafka-1" });
        assert.ok(configMap("kafka-config"), "kafka-config");
        assert.equal(container("kafka").env.find((e: Manifest) => e.name === "KAFKA_EXTERNAL_HOST").value, "10.87.0.1");
        const zkHeadless = services.find((s) => s.metadata.name === "zookeeper-headless")!;
        assert.equal(zkHeadless.spec.clusterIP, "None");
        assert.equal(zkHeadless.spec.publishNotReadyAddresses, true);
    });

    it("gives each broker and ZooKeeper server a ClusterIP Service of its own, which its peers and clients use, routing to it before it is ready", () => {
        const services = ofType("kubernetes:core/v1:Service");
        const own = (group: string) => services.filter((s) => new RegExp(`^${group}-\\d$`).test(s.metadata.name)).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
            .map((s) => [s.metadata.name, s.spec.type, s.spec.publishNotReadyAddresses, s.spec.selector["statefulset.kubernetes.io/pod-name"],
                s.spec.ports.map((p: Manifest) => `${p.name} ${p.port}->${p.targetPort}`).join(",")]);
        assert.deepEqual(own("kafka"), [0, 1, 2].map((i) => [`kafka-${i}`, "ClusterIP", true, `kafka-${i}`, "clients 9093->9093,replication 9091->9091"]),
            "the in-platform listeners only (INTERNAL, and REPLICATION for the other brokers): the external one has its NodePorts");
        assert.deepEqual(own("zookeeper"), [0, 1, 2].map((i) => [`zookeeper-${i}`, "ClusterIP", true, `zookeeper-${i}`, "client 2181->2181,quorum 2888->2888,election 3888->3888"]));
        // Spark's daemons bind their pod's own address: they keep their pod names.
        assert.deepEqual([...own("spark-master"), ...own("spark-worker")], []);
        const suffix = (group: string) => container(group).env.find((e: Manifest) => e.name === "STREAMSTACK_DOMAIN_SUFFIX").value;
        assert.deepEqual(["kafka", "zookeeper", "spark-master"].map(suffix), [".data.svc.cluster.local", ".data.svc.cluster.local", ".spark-master-headless.data.svc.cluster.local"],
            "start.sh's MEMBER_HOST: kafka-<i>.<namespace>.svc.cluster.local is what a broker advertises");
    });

    it("skips the kubernetes plugin's await on every Service (10 s each otherwise; readiness is the rollout gates')", () => {
        const services = ofType("kubernetes:core/v1:Service");
        assert.deepEqual(services.filter((s) => s.metadata.annotations?.["pulumi.com/skipAwait"] !== "true").map((s) => s.metadata.name), []);
    });

    it("starts quorum members in parallel", () => {
        assert.equal(statefulSet("zookeeper").spec.podManagementPolicy, "Parallel");
    });

    it("uses the servers' own Services' names in zoo.cfg and the ZooKeeper connect strings", () => {
        const zooCfg = configMap("zookeeper-config")!.data["zoo.cfg"] as string;
        assert.match(zooCfg, /^server\.1=zookeeper-0\.data\.svc\.cluster\.local:2888:3888;2181$/m);
        const sparkDefaults = configMap("spark-master-config")!.data["spark-defaults.conf"] as string;
        assert.match(sparkDefaults, /spark\.deploy\.recoveryMode\s+ZOOKEEPER/);
        assert.match(sparkDefaults, /zookeeper-0\.data\.svc\.cluster\.local:2181/);
        const serverProperties = configMap("kafka-config")!.data["server.properties"] as string;
        assert.match(serverProperties, /^zookeeper\.connect=zookeeper-0\.data\.svc\.cluster\.local:2181,zookeeper-1\.data\.svc\.cluster\.local:2181,zookeeper-2\.data\.svc\.cluster\.local:2181\/kafka$/m);
    });

    it("gives every container readiness and liveness probes and resources", () => {
        for (const name of ["zookeeper", "kafka", "spark-master", "spark-worker"]) {
            const c = container(name);
            assert.ok(c.readinessProbe.exec.command.length > 0, `${name} readiness`);
            assert.ok(c.livenessProbe.exec.command.length > 0, `${name} liveness`);
            assert.match(c.resources.limits.memory, /^\d+Mi$/);
            assert.ok(c.resources.requests.cpu);
        }
    });

    it("meets the restricted Pod Security level, which the namespace enforces", () => {
        assert.equal(ofType("kubernetes:core/v1:Namespace")[0].metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        for (const name of ["zookeeper", "kafka", "spark-master", "spark-worker"]) {
            const pod = statefulSet(name).spec.template.spec;
            assert.equal(pod.securityContext.runAsNonRoot, true);
            assert.notEqual(pod.securityContext.runAsUser, 0);
            assert.equal(pod.securityContext.seccompProfile.type, "RuntimeDefault");
            assert.equal(pod.containers[0].securityContext.allowPrivilegeEscalation, false);
            assert.deepEqual(pod.containers[0].securityContext.capabilities.drop, ["ALL"]);
        }
    });

    it("mounts each group's secret files (Spark's secret, the ZooKeeper logins, the brokers' TLS key stores) from a Secret, readable by the pod's group only, and nowhere in the pod spec", () => {
        const secrets = graph.filter((r) => r.type === "kubernetes:core/v1:Secret");
        assert.deepEqual(secrets.map((r) => r.name).sort(),
            ["streamstack-kafka-secret-files", "streamstack-spark-master-secret-files", "streamstack-spark-worker-secret-files", "streamstack-zookeeper-secret-files"]);
        for (const name of ["zookeeper", "kafka", "spark-master", "spark-worker"]) {
            const pod = statefulSet(name).spec.template.spec;
            assert.deepEqual(pod.containers[0].volumeMounts.find((m: Manifest) => m.name === "secret-files"), { name: "secret-files", mountPath: "/etc/streamstack-secrets", readOnly: true });
            assert.equal(pod.volumes.find((v: Manifest) => v.name === "secret-files").secret.defaultMode, 0o440);
            assert.ok(!JSON.stringify(pod).includes("mock-secret") && !JSON.stringify(pod).includes("mock-key"));
        }
        const keys = (name: string) => Object.keys((secrets.find((r) => r.name === `streamstack-${name}-secret-files`)!.inputs.stringData as { value: object }).value).sort();
        assert.deepEqual(keys("zookeeper"), ["zookeeper-server.jaas"]);
        assert.deepEqual(keys("kafka"), ["kafka-admin-client.properties", "kafka-admin.scram", "kafka-replication-trust.pem", "kafka-tls-0.pem", "kafka-tls-1.pem", "kafka-tls-2.pem", "state-login.json", "zookeeper-client.jaas"]);
        assert.deepEqual(keys("spark-master"), ["spark-auth", "zookeeper-client.jaas"]);
        assert.deepEqual(keys("spark-worker"), ["spark-auth"]);
    });

    it("speaks TLS on Kafka's external listener by default: a CA, a certificate per broker for its own Service's name, its pod's name and the node's address, the CA on the pods", () => {
        const authorities = graph.filter((r) => r.type === "streamstack:security:CertificateAuthority");
        assert.deepEqual(authorities.map((r) => r.name), ["streamstack-kafka-ca"]);
        const certificates = graph.filter((r) => r.type === "streamstack:security:Certificate").map((r) => r.inputs as Manifest).sort((a, b) => a.commonName.localeCompare(b.commonName));
        assert.deepEqual(certificates.map((c) => [c.dnsNames, c.ipAddresses]),
            [0, 1, 2].map((i) => [[`kafka-${i}.data.svc.cluster.local`, `kafka-${i}.kafka-headless.data.svc.cluster.local`], ["10.87.0.1"]]));
        assert.equal(statefulSet("kafka").spec.template.metadata.annotations["streamstack.state-ca"], "mock-certificate-streamstack-kafka-ca");
        assert.equal(statefulSet("zookeeper").spec.template.metadata.annotations["streamstack.state-ca"], undefined);
        const topic = graph.find((r) => r.type === "streamstack:kafka:Topic")!;
        assert.equal(topic.inputs.caCertificate, "mock-certificate-streamstack-kafka-ca", "the topic provider verifies the brokers too");
    });

    it("requires a login on Kafka's external listener by default: a generated admin password, mounted, never in the pod spec; topics log in as their own manager", () => {
        const passwords = graph.filter((r) => r.type === "streamstack:security:GeneratedSecret" && r.name.startsWith("streamstack-kafka"));
        assert.deepEqual(passwords.map((r) => r.name), ["streamstack-kafka-admin-password"]);
        const kafka = statefulSet("kafka");
        assert.equal(kafka.spec.template.metadata.annotations["streamstack.state-login"], "SCRAM-SHA-512");
        const start = (graph.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && r.name.includes("kafka"))!.inputs.data as Manifest)["start.sh"] as string;
        assert.match(start, /kafka-configs\.sh --zookeeper .* --alter/s);
        assert.match(start, /--add-config-file \/etc\/streamstack-secrets\/kafka-admin\.scram --entity-type users --entity-name streamstack-admin/);
        const properties = (graph.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && r.name.includes("kafka"))!.inputs.data as Manifest)["server.properties"] as string;
        assert.match(properties, /^listener\.security\.protocol\.map=CLIENTS:SASL_PLAINTEXT,EXTERNAL:SASL_SSL,REPLICATION:SSL,PROBE:PLAINTEXT$/m);
        const topic = graph.find((r) => r.type === "streamstack:kafka:Topic")!;
        assert.deepEqual((topic.inputs.auth as { value: object }).value,
            { mechanism: "SCRAM-SHA-512", username: "streamstack-topics", password: "mock-password-streamstack-kafka-topic-manager" }, "a secret: the topic manager's login");
        assert.ok(!JSON.stringify(kafka).includes("mock-secret"), "no password in the StatefulSet");
    });

    it("turns service links off (a Service named spark-master would set SPARK_MASTER_PORT=tcp://… in every pod)", () => {
        for (const name of ["zookeeper", "kafka", "spark-master", "spark-worker"]) {
            assert.equal(statefulSet(name).spec.template.spec.enableServiceLinks, false, name);
        }
    });

    it("never pulls an image that is present (no registry may answer) and requests a share of each CPU limit", () => {
        assert.equal(container("kafka").imagePullPolicy, "IfNotPresent");
        assert.equal(container("kafka").resources.limits.cpu, "1000m");
        assert.equal(container("kafka").resources.requests.cpu, "500m");
    });

    it("prefers spreading members across nodes", () => {
        const affinity = statefulSet("kafka").spec.template.spec.affinity.podAntiAffinity;
        assert.equal(affinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey, "kubernetes.io/hostname");
    });

    it("annotates pods with a config hash so config changes roll them", async () => {
        const hash = statefulSet("kafka").spec.template.metadata.annotations["streamstack.io/config-hash"];
        assert.match(hash, /^[0-9a-f]{16}$/);
        const changed = await mockGraph(resolveSettings(kubernetesConfig({ kafka: { minInsyncReplicas: 1 } })), "k8s");
        const other = changed.find((r) => r.type === "kubernetes:apps/v1:StatefulSet" && (r.inputs as Manifest).metadata.name === "kafka")!;
        assert.notEqual((other.inputs as Manifest).spec.template.metadata.annotations["streamstack.io/config-hash"], hash);
    });

    it("annotates the brokers' pods with a digest of the CAs they trust, which only the Secret holds, so one more CA rolls them too", async () => {
        const digest = statefulSet("kafka").spec.template.metadata.annotations["streamstack.restart-digest"];
        assert.match(digest, /^[0-9a-f]{16}$/);
        const trusting = await mockGraph(resolveSettings(kubernetesConfig({ kafka: { certificateAuthorities: ["ca", "ca-next"] } })), "k8s");
        const other = trusting.find((r) => r.type === "kubernetes:apps/v1:StatefulSet" && (r.inputs as Manifest).metadata.name === "kafka")!;
        assert.notEqual((other.inputs as Manifest).spec.template.metadata.annotations["streamstack.restart-digest"], digest);
        assert.equal(statefulSet("zookeeper").spec.template.metadata.annotations["streamstack.restart-digest"], undefined);
    });

    it("creates PodDisruptionBudgets that keep quorum and acks=all writes possible", () => {
        const pdbs = Object.fromEntries(ofType("kubernetes:policy/v1:PodDisruptionBudget").map((p) => [p.metadata.name, p.spec.minAvailable]));
        assert.deepEqual(pdbs, { zookeeper: 2, kafka: 2, "spark-master": 1, "spark-worker": 1 });
    });

    it("claims member storage through volumeClaimTemplates, deleted with the stack but kept on scale-down", () => {
        assert.equal(statefulSet("zookeeper").spec.volumeClaimTemplates[0].spec.resources.requests.storage, "1Gi");
        assert.equal(statefulSet("kafka").spec.volumeClaimTemplates[0].spec.resources.requests.storage, "10Gi");
        assert.deepEqual(statefulSet("kafka").spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Delete", whenScaled: "Retain" });
    });

    it("mounts one ReadWriteMany checkpoint claim at the same path in every Spark pod", () => {
        const claims = ofType("kubernetes:core/v1:PersistentVolumeClaim");
        assert.equal(claims.length, 1);
        assert.deepEqual(claims[0].spec.accessModes, ["ReadWriteMany"]);
        assert.equal(claims[0].spec.resources.requests.storage, "5Gi");
        for (const name of ["spark-master", "spark-worker"]) {
            const mount = container(name).volumeMounts.find((m: Manifest) => m.name === "checkpoints");
            assert.equal(mount.mountPath, "/checkpoints");
            const volume = statefulSet(name).spec.template.spec.volumes.find((v: Manifest) => v.name === "checkpoints");
            assert.equal(volume.persistentVolumeClaim.claimName, "checkpoints");
        }
    });

    it("creates a NetworkPolicy per group: platform pods, client namespaces on Kafka's in-cluster port, anyone on NodePorts", () => {
        const policies = ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy");
        assert.equal(policies.length, 4);
        const kafka = policies.find((p) => p.metadata.name === "kafka")!;
        assert.equal(kafka.spec.ingress[0].from[0].podSelector.matchLabels["app.kubernetes.io/part-of"], "streamstack");
        assert.deepEqual(kafka.spec.ingress[1].from[0].namespaceSelector.matchExpressions, [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["apps"] }]);
        assert.deepEqual(kafka.spec.ingress[1].ports, [{ protocol: "TCP", port: 9093 }], "CLIENTS: logins inside the platform are the default there");
        assert.deepEqual(kafka.spec.ingress[2].ports, [{ protocol: "TCP", port: 9094 }]);
        // Nothing but the platform's own pods reaches ZooKeeper.
        const zookeeper = policies.find((p) => p.metadata.name === "zookeeper")!;
        assert.equal(zookeeper.spec.ingress.length, 1);
        assert.ok(zookeeper.spec.ingress[0].from[0].podSelector);
    });

    it("labels everything with app.kubernetes.io labels", () => {
        for (const r of graph.filter((g) => g.type.startsWith("kubernetes:") && g.type !== "pulumi:providers:kubernetes")) {
            const labels = (r.inputs as Manifest).metadata?.labels;
            assert.equal(labels?.["app.kubernetes.io/part-of"], "streamstack", `${r.type} ${r.name}`);
        }
    });

    it("configures the provider's context and namespace from stack config", () => {
        const provider = graph.find((r) => r.type === "pulumi:providers:kubernetes")!;
        assert.equal(provider.inputs.namespace, "data");
    });
});
