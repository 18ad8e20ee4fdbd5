import * as pulumi from "@pulumi/pulumi";
import { KafkaAuth } from "../../components/model/state-access";
import { ComponentKind } from "../../components/model/workload";
import { PROVIDER_VERSION, READINESS_GATE_TYPE } from "../../components/model/resource-tokens";

/** One member a gate watches. */
export interface GateMember {
    /** Member name, e.g. `kafka-1`. */
    member: string;
    ordinal: number;
    /** Docker container name. */
    container: string;
    /** The container's id: a replaced member has a new one, which is what makes the gate wait. */
    containerId: pulumi.Input<string>;
    /** host:port of the member's state port as published on the host; "" when it is not published. */
    endpoint: string;
}

export interface ReadinessGateArgs {
    kind: ComponentKind;
    group: string;
    members: GateMember[];
    /** host:port of every member of the group (Kafka metadata and the ALIVE master are group-wide). */
    groupEndpoints: string[];
    /**
     * false for the gate between two members: on a cold `up` it lets the next member start at
     * once (a ZooKeeper quorum needs its peers up together); true for the group's own gate,
     * which dependents wait on.
     */
    waitOnCreate: boolean;
    timeoutSeconds: number;
    /** The stack's streamstack.stack label: after a ZooKeeper restart, the gate waits until every container carrying it is healthy again. */
    stack: string;
    /** The CA certificate the members' state port is verified against, when it speaks TLS. */
    stateCa?: pulumi.Input<string>;
    /** The login the members' state port requires, when it requires one (a secret). */
    stateLogin?: pulumi.Input<KafkaAuth>;
}

/**
 * Waits until members are ready in the platform's terms, not just running: a ZooKeeper
 * server serving as leader or follower, a broker registered with every partition in sync, a
 * Spark master ALIVE or STANDBY with an ALIVE master in the group, a worker registered with
 * the ALIVE master. Whenever a watched member's container is replaced, the gate's update
 * waits again, and whatever depends on the gate (the next member of a rolling change, the
 * next group) waits with it.
 */
export class ReadinessGate extends pulumi.CustomResource {
    constructor(name: string, args: ReadinessGateArgs, opts?: pulumi.CustomResourceOptions) {
        super(READINESS_GATE_TYPE, name, { ...args }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["stateLogin"] });
    }
}
