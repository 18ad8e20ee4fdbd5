import { KafkaReplication, PlatformSettings } from "../config/defaults";
import { ConfigProblem, configProblem, Report } from "../config/problem";
import { Addressing } from "../model/addressing";
import { memberName } from "../model/workload";
import { steppedChangeProblem } from "../model/stepped-setting";

/**
 * How the brokers talk to each other (kafka.replication): over a listener of their own,
 * REPLICATION, on which both ends prove themselves with certificates the platform's CA signed
 * (mutual TLS, as Strimzi's replication listener), instead of over INTERNAL, which every
 * application inside the platform reaches. Pure: the renderer writes the listener, the rules
 * check the setting, and the preflights hold each `up` to one step at a time.
 */

/** The REPLICATION listener's port: reached by the brokers only, never published. */
export const REPLICATION_PORT = 9091;

/** The principal a broker is on the REPLICATION listener (its certificate's subject, mapped). */
export const BROKER_PRINCIPAL = "streamstack-broker";

/** The CAs a broker trusts on the REPLICATION listener (PEM, kafka.certificateAuthorities): a secret file only because its value is known at deployment. */
export const REPLICATION_TRUST_FILE = "kafka-replication-trust.pem";

/**
 * kafka.replication's steps in order. A broker replicates over the listener its own config
 * names, to the address its peer registered for that listener: a broker that moves to
 * REPLICATION before every peer has it cannot reach them, so the listener comes first
 * ("migrating-1", still replicating over INTERNAL), then the move ("migrating-2"). A broker
 * still on INTERNAL is its ANONYMOUS client, a super user; only once none is can ANONYMOUS
 * lose that ("tls", components/kafka/in-platform-clients.ts).
 */
export const REPLICATION_STEPS: readonly KafkaReplication[] = ["internal", "migrating-1", "migrating-2", "tls"];

/** Whether brokers at this step have the REPLICATION listener (and so need certificates). */
export function hasReplicationListener(step: KafkaReplication): boolean {
    return step !== "internal";
}

/** The listener the brokers replicate over at this step. */
export function interBrokerListener(step: KafkaReplication): "INTERNAL" | "REPLICATION" {
    return step === "tls" || step === "migrating-2" ? "REPLICATION" : "INTERNAL";
}

/**
 * Kafka's rule mapping a broker certificate's subject (`CN=<its stable host name>`) to
 * BROKER_PRINCIPAL, and any other subject to the same string the default rule gives. Only the
 * brokers' names match: a certificate the CA signs for anything else is not a broker. Dots in
 * the host name are `[.]`: a properties file drops a lone backslash.
 */
export function brokerPrincipalRule(addressing: Addressing, group: string): string {
    return [memberPrincipalRule(addressing, group), "DEFAULT"].join(",");
}

/** The one rule of brokerPrincipalRule for a group's members: `CN=<member i's stable host name>` is BROKER_PRINCIPAL. */
export function memberPrincipalRule(addressing: Addressing, group: string): string {
    const host = memberName(group, 0).replace(/0$/, "[0-9]+") + addressing.stableDomainSuffix(group);
    return `RULE:^CN=${host.replace(/\./g, "[.]")}$/${BROKER_PRINCIPAL}/`;
}

export function checkKafkaReplication({ kafka }: Pick<PlatformSettings, "kafka">, report: Report): void {
    if (!REPLICATION_STEPS.includes(kafka.replication)) {
        report("kafka.replication", kafka.replication,
            'must be "tls" (the default), or "migrating-1", "migrating-2" / "internal" for a platform whose brokers replicate over INTERNAL (docs/security.md › Replication between brokers)');
    }
}

function describeStep(step: string | undefined): string {
    return step === undefined || step === "internal" ? "replicating over INTERNAL without the REPLICATION listener" : `at step "${step}"`;
}

/**
 * A change of kafka.replication moves one step at a time, either way, for every broker: each
 * restarted broker must reach the others over the listener it replicates over. `live` has each
 * running broker's step (undefined: made before the REPLICATION listener), empty when none runs.
 * After an interrupted `up` the brokers differ; the step furthest from `wanted` decides.
 */
export function replicationStepProblem(live: readonly (string | undefined)[], wanted: KafkaReplication): string | undefined {
    const change = steppedChangeProblem(REPLICATION_STEPS, live.map((step) => step ?? "internal"), wanted);
    if (change === undefined) return undefined;
    return `the running brokers are ${describeStep(change.from)}; a broker that replicates over a listener its peers do not have ` +
        `cannot reach them, so the step changes one at a time: set "${change.next}" for this up, and move on by one step per up to "${wanted}" ` +
        "(docs/security.md › Replication between brokers)";
}

/** The same, as the preflights report it: `live` is what each running broker's label or annotation says. */
export function replicationStepProblems(live: readonly (string | undefined)[], { kafka }: Pick<PlatformSettings, "kafka">): ConfigProblem[] {
    const problem = replicationStepProblem(live, kafka.replication);
    return problem === undefined ? [] : [configProblem("kafka.replication", kafka.replication, problem)];
}
