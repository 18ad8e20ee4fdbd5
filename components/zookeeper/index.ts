import * as pulumi from "@pulumi/pulumi";
import { Target } from "../model/target";
import { JvmProfile, ZooKeeperAuthentication, ZooKeeperSettings } from "../config";
import { range } from "../model/addressing";
import { GeneratedSecret } from "../security/generated-secret";
import { renderConnectString, zookeeperWorkload } from "./render";
import { clientsProtectZnodes, QUORUM_PRINCIPAL, renderClientJaas, renderServerJaas, ZOOKEEPER_PRINCIPALS, ZOOKEEPER_SERVER_JAAS, ZooKeeperPrincipal } from "./sasl";

/** How a client component logs in to the ensemble. */
export interface ZooKeeperLogin {
    /** Its JAAS file (a Pulumi secret), for its secret files. */
    jaas: pulumi.Output<string>;
    /** Whether it makes its znodes its principal's (clientsProtectZnodes). */
    protectZnodes: boolean;
}

export interface ZooKeeperEnsembleArgs {
    /** Ensemble size, heap, timing and storage (validated settings). */
    settings: ZooKeeperSettings;
    /** What the members' JVMs are tuned for (the platform's jvmProfile); default "throughput". */
    jvmProfile?: JvmProfile;
    /** Image with zkServer.sh on PATH (the official zookeeper image layout). */
    image: string;
    /** Member i's client port is published on the host at clientPortBase + i (Docker). */
    clientPortBase: number;
    /** Host address of published ports. */
    bindAddress: string;
    /** Where the ensemble runs. */
    target: Target;
}

/** A ZooKeeper ensemble: N servers with stable ids 1..N and a data volume each. */
export class ZooKeeperEnsemble extends pulumi.ComponentResource {
    /** Connect string for clients inside the platform (`zookeeper-0:2181,...`). */
    readonly connectString: pulumi.Output<string>;
    /**
     * The servers' client ports on the host (Docker publishes them); empty where the target
     * keeps ZooKeeper inside (Kubernetes: kubectl port-forward). Without a login a client there
     * gets the four-letter words only (`srvr`, `mntr`, `ruok`, `conf`: status, monitoring).
     */
    readonly hostConnectString: pulumi.Output<string>;
    /**
     * The same connect string as plain text: Kafka and Spark render it into their config
     * files at construction time, before any Output resolves.
     */
    readonly plainConnectString: string;
    /** Resources dependents wait on (the servers). */
    readonly members: pulumi.Resource[];
    /** Each client principal's password (Pulumi secrets), made once and kept in the state. */
    private readonly passwords: Record<ZooKeeperPrincipal, pulumi.Output<string>>;
    private readonly authentication: ZooKeeperAuthentication;

    constructor(name: string, args: ZooKeeperEnsembleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("streamstack:zookeeper:ZooKeeperEnsemble", name, {}, opts);
        this.authentication = args.settings.authentication;
        const group = zookeeperWorkload(args.settings, args.image, args.clientPortBase, args.target.addressing, args.jvmProfile);
        const password = (principal: string) =>
            new GeneratedSecret(`${name}-${principal}-password`, { purpose: `ZooKeeper password of the ${principal} principal` }, { parent: this }).value;
        this.passwords = Object.fromEntries(ZOOKEEPER_PRINCIPALS.map((p) => [p, password(p)])) as Record<ZooKeeperPrincipal, pulumi.Output<string>>;
        const serverJaas = pulumi.all([password(QUORUM_PRINCIPAL), pulumi.all(this.passwords)])
            .apply(([quorum, clients]) => renderServerJaas(quorum, clients));
        this.members = args.target.deployGroup(group, this, [], { [ZOOKEEPER_SERVER_JAAS]: serverJaas });
        this.plainConnectString = renderConnectString(args.settings.replicas, args.target.addressing);
        this.connectString = pulumi.output(this.plainConnectString);
        this.hostConnectString = pulumi.output(!args.target.publishes("operators") ? "" :
            range(args.settings.replicas).map((i) => `${args.bindAddress}:${args.clientPortBase + i}`).join(","));
        this.registerOutputs({ connectString: this.connectString, hostConnectString: this.hostConnectString });
    }

    /** How a client logs in as `principal`. */
    clientLogin(principal: ZooKeeperPrincipal): ZooKeeperLogin {
        return {
            jaas: pulumi.secret(this.passwords[principal].apply((password) => renderClientJaas(principal, password))),
            protectZnodes: clientsProtectZnodes(this.authentication),
        };
    }
}
