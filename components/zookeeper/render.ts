import { ZooKeeperAuthentication, ZooKeeperSettings } from "../config";
import { Addressing, range, stableMemberHost } from "../model/addressing";
import { ORDINAL_PREAMBLE, standardProbe } from "../model/scripts";
import { CONFIG_DIR, WorkloadGroup } from "../model/workload";
import { ZOOKEEPER_AUTHENTICATION_ANNOTATION } from "../model/labels";
import { jaasOption, QUORUM_LEARNER_SECTION, QUORUM_SERVER_SECTION, ZOOKEEPER_SERVER_JAAS } from "./sasl";
import { JvmProfile, jvmProfileFlags } from "../config/jvm-profile";

export const ZOOKEEPER_GROUP = "zookeeper";
export const CLIENT_PORT = 2181;
export const QUORUM_PORT = 2888;
export const ELECTION_PORT = 3888;
const DATA_DIR = "/data";

/** `host:2181,...` for clients; a chroot is appended by the caller that owns it. */
export function renderConnectString(replicas: number, addressing: Addressing): string {
    return range(replicas).map((i) => `${stableMemberHost(addressing, ZOOKEEPER_GROUP, i)}:${CLIENT_PORT}`).join(",");
}

/** zoo.cfg, identical on every server: each server finds its own id in /data/myid. */
export function renderZooCfg(zk: ZooKeeperSettings, addressing: Addressing): string {
    const lines = [
        "# Rendered by streamstack. Identical on every server; each server's id is in dataDir/myid.",
        `tickTime=${zk.tickTimeMs}`,
        `initLimit=${zk.initLimit}`,
        `syncLimit=${zk.syncLimit}`,
        `dataDir=${DATA_DIR}`,
        `clientPort=${CLIENT_PORT}`,
        "maxClientCnxns=60",
        "# Caps every client's session: a dead Spark master's leadership (it asks for 60 s) and a",
        "# dead broker's registration (Kafka asks for 18 s) expire this soon, so standbys take over.",
        `maxSessionTimeout=${zk.maxSessionTimeoutMs}`,
        "# Keep the snapshot/log directory bounded without an external cron job.",
        "autopurge.snapRetainCount=3",
        "autopurge.purgeInterval=24",
        "# srvr/mntr report leader or follower for probes and operators; ruok is the liveness check.",
        "4lw.commands.whitelist=srvr,mntr,ruok,conf",
        "admin.enableServer=false",
        "# Listen on every address: on Kubernetes a server's name is its own Service's, not the pod's.",
        "quorumListenOnAllIPs=true",
        `standaloneEnabled=${zk.replicas === 1}`,
        "reconfigEnabled=false",
        ...renderAuthentication(zk.authentication),
        ...range(zk.replicas).map(
            (i) => `server.${i + 1}=${stableMemberHost(addressing, ZOOKEEPER_GROUP, i)}:${QUORUM_PORT}:${ELECTION_PORT};${CLIENT_PORT}`,
        ),
    ];
    return lines.join("\n") + "\n";
}

/**
 * SASL for clients and between servers. The migrating steps are ZooKeeper's own order for
 * turning quorum authentication on in a running ensemble, one rolling restart each: servers
 * accept logins, then log in to each other (a learner only logs in when it requires it), then
 * require them; a server that requires logins cannot join servers that do not yet log in.
 */
function renderAuthentication(authentication: ZooKeeperAuthentication): string[] {
    const required = authentication === "required";
    return [
        ...(required ? [
            "# Every client session must log in (SASL DIGEST-MD5, principals in the servers' JAAS file);",
            "# an anonymous one is closed before it can read or write. The 4lw above still answer.",
        ] : [
            `# ${authentication} (zookeeper.authentication): logins offered, none required yet.`,
        ]),
        "authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
        ...(required ? ["enforce.auth.enabled=true", "enforce.auth.schemes=sasl",
            "# Servers prove themselves to each other too: nothing joins the quorum without the password."] : []),
        "quorum.auth.enableSasl=true",
        `quorum.auth.learnerRequireSasl=${authentication !== "migrating-1"}`,
        `quorum.auth.serverRequireSasl=${required}`,
        `quorum.auth.learner.saslLoginContext=${QUORUM_LEARNER_SECTION}`,
        `quorum.auth.server.saslLoginContext=${QUORUM_SERVER_SECTION}`,
    ];
}

export function renderZooKeeperStart(): string {
    return [
        ORDINAL_PREAMBLE,
        "# ZooKeeper server ids are 1-based; the StatefulSet/container ordinal is 0-based.",
        `echo "$((ORDINAL + 1))" > ${DATA_DIR}/myid`,
        `export ZOOCFGDIR=${CONFIG_DIR}`,
        "exec zkServer.sh start-foreground",
        "",
    ].join("\n");
}

/** Ready once the server has joined a quorum (srvr reports a Mode), not merely listening. */
export function renderZooKeeperReady(): string {
    return [
        "#!/bin/bash",
        `exec 3<>/dev/tcp/127.0.0.1/${CLIENT_PORT}`,
        "printf srvr >&3",
        "grep -qE '^Mode: (leader|follower|standalone)' <&3",
        "",
    ].join("\n");
}

export function renderZooKeeperAlive(): string {
    return ["#!/bin/bash", `exec 3<>/dev/tcp/127.0.0.1/${CLIENT_PORT}`, "printf ruok >&3", "grep -q imok <&3", ""].join("\n");
}

export function zookeeperWorkload(zk: ZooKeeperSettings, image: string, hostPortBase: number, addressing: Addressing, jvmProfile?: JvmProfile): WorkloadGroup {
    return {
        kind: "zookeeper",
        name: ZOOKEEPER_GROUP,
        image,
        replicas: zk.replicas,
        command: ["bash", `${CONFIG_DIR}/start.sh`],
        env: {
            ZK_SERVER_HEAP: String(zk.heapMb),
            JVMFLAGS: [`-Xms${zk.heapMb}m`, `-Xmx${zk.heapMb}m`, ...jvmProfileFlags(jvmProfile)].join(" "),
            // The server's JAAS file: a path, not the passwords (a secret file).
            SERVER_JVMFLAGS: jaasOption(ZOOKEEPER_SERVER_JAAS),
        },
        secretFiles: [{ name: ZOOKEEPER_SERVER_JAAS }],
        files: [
            { name: "zoo.cfg", content: renderZooCfg(zk, addressing), executable: false },
            { name: "start.sh", content: renderZooKeeperStart(), executable: true },
            { name: "ready.sh", content: renderZooKeeperReady(), executable: true },
            { name: "alive.sh", content: renderZooKeeperAlive(), executable: true },
        ],
        ports: [
            { name: "client", containerPort: CLIENT_PORT, exposure: "operators", hostPortBase },
            { name: "quorum", containerPort: QUORUM_PORT, exposure: "members" },
            { name: "election", containerPort: ELECTION_PORT, exposure: "members" },
        ],
        volumes: [{ name: "data", mountPath: DATA_DIR, scope: "member", size: zk.storageSize, sizeSetting: "zookeeper.storageSize" }],
        readiness: standardProbe(["bash", `${CONFIG_DIR}/ready.sh`], 5),
        statePort: "client",
        liveness: standardProbe(["bash", `${CONFIG_DIR}/alive.sh`], 30),
        memoryMb: zk.heapMb + 256,
        cpus: 0.5,
        runAsUser: 1000,
        dependsOn: [],
        minAvailable: Math.floor(zk.replicas / 2) + 1,
        publishNotReadyAddresses: true,
        // Servers reach each other, and clients reach them, at addresses a restart does not
        // change (they listen on every address: quorumListenOnAllIPs). By pod name, a server of a
        // new ensemble that asked for a peer before the peer's pod was published was told "no
        // such name" for up to 30 s (CoreDNS's cache), and its election backed off past that;
        // a Service per server exists before any pod, so its name always resolves.
        stableMemberAddresses: true,
        // Read back at the next preview, which refuses to skip a migration step.
        annotations: { [ZOOKEEPER_AUTHENTICATION_ANNOTATION]: zk.authentication },
    };
}
