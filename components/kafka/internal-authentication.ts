import { KafkaInternalAuthentication, PlatformSettings } from "../config/defaults";
import { ConfigProblem, configProblem, Report } from "../config/problem";
import { steppedChangeProblem } from "../model/stepped-setting";
import { externalListenerAuthentication, securedByTarget } from "./listener-security";

/**
 * Who Kafka lets in inside the platform (kafka.internalAuthentication). INTERNAL (9092) lets in
 * anyone on the platform's network, or in a namespace of kubernetes.clientNamespaces, as the
 * principal ANONYMOUS. CLIENTS (9093) asks each of them to log in (SASL SCRAM-SHA-512, the
 * users of streamstack:users and each job's own principal), and the authorizer then allows a
 * login only what its ACLs say. A listener cannot change what it asks of clients under them, so
 * a running platform gets there in two `up`s: "migrating" adds CLIENTS beside INTERNAL (the
 * platform's jobs move to it with their own principals; applications of yours move while
 * INTERNAL still serves the rest), then "scram-sha-512" removes INTERNAL. Pure: the renderer
 * writes the listeners, the rules check the setting, the preflights hold each `up` to one step.
 */

/** CLIENTS: inside the platform, with a login. */
export const CLIENTS_PORT = 9093;

/** kafka.internalAuthentication's steps in order. */
export const INTERNAL_AUTHENTICATION_STEPS: readonly KafkaInternalAuthentication[] = ["none", "migrating", "scram-sha-512"];

const CHOICES = ["by-target", ...INTERNAL_AUTHENTICATION_STEPS];

/**
 * kafka.internalAuthentication for this platform: "by-target" asks for logins on Kubernetes,
 * where client namespaces reach the brokers (and on Docker with kafka.secureOnDocker), when the
 * external listener asks for them (then the authorizer is on and users exist) and the brokers
 * replicate over their own listener; else it leaves INTERNAL open.
 */
export function internalAuthentication(settings: Pick<PlatformSettings, "kafka" | "target">): KafkaInternalAuthentication {
    const { kafka } = settings;
    if (kafka.internalAuthentication !== "by-target") return kafka.internalAuthentication;
    // Until the brokers replicate over their own listener (kafka.replication "tls") INTERNAL is theirs too.
    return securedByTarget(settings) && externalListenerAuthentication(settings) === "scram-sha-512" && kafka.replication === "tls" ? "scram-sha-512" : "none";
}

/** Whether brokers at this step have the CLIENTS listener, where the platform's jobs log in. */
export function hasClientsListener(step: KafkaInternalAuthentication): boolean {
    return step !== "none";
}

/** Whether brokers at this step still have INTERNAL, open to anyone inside the platform. */
export function hasOpenInternalListener(step: KafkaInternalAuthentication): boolean {
    return step !== "scram-sha-512";
}

export function checkKafkaInternalAuthentication(settings: PlatformSettings, report: Report): void {
    const { kafka } = settings;
    if (!CHOICES.includes(kafka.internalAuthentication)) {
        report("kafka.internalAuthentication", kafka.internalAuthentication,
            'must be "scram-sha-512", "migrating", "none" or "by-target" (the default: scram-sha-512 on kubernetes when kafka.authentication is, none on docker unless kafka.secureOnDocker)');
        return;
    }
    if (!hasClientsListener(internalAuthentication(settings))) return;
    if (externalListenerAuthentication(settings) !== "scram-sha-512") {
        report("kafka.internalAuthentication", kafka.internalAuthentication,
            'logins inside the platform need the authorizer and its users, which come with logins on the external listener: set kafka.authentication to "scram-sha-512", or leave this "none"');
    }
    if (kafka.replication !== "tls") {
        report("kafka.internalAuthentication", kafka.internalAuthentication,
            `the brokers must replicate over their own listener first (kafka.replication "tls", now "${kafka.replication}"): with logins inside the platform nothing but a login or a broker certificate is let in; leave this "none" until then`);
    }
}

function describeStep(step: string): string {
    return step === "none" ? "without logins inside the platform" : `at step "${step}"`;
}

/**
 * A change of kafka.internalAuthentication moves one step at a time, either way: removing
 * INTERNAL before CLIENTS is on every broker would leave the platform's clients nowhere to go.
 * `live` has each running broker's step (undefined: made before the setting), empty when none runs.
 */
export function internalAuthenticationStepProblem(live: readonly (string | undefined)[], wanted: KafkaInternalAuthentication): string | undefined {
    const change = steppedChangeProblem(INTERNAL_AUTHENTICATION_STEPS, live.map((step) => step ?? "none"), wanted);
    if (change === undefined) return undefined;
    return `the running brokers are ${describeStep(change.from)}; the listeners inside the platform change one step at a time, so that its clients ` +
        `always have one to use: set "${change.next}" for this up, then "${wanted}" in the next (docs/security.md › Logins inside the platform)`;
}

/** The same, as the preflights report it: `live` is what each running broker's label or annotation says. */
export function internalAuthenticationStepProblems(live: readonly (string | undefined)[], settings: Pick<PlatformSettings, "kafka" | "target">): ConfigProblem[] {
    const problem = internalAuthenticationStepProblem(live, internalAuthentication(settings));
    return problem === undefined ? [] : [configProblem("kafka.internalAuthentication", settings.kafka.internalAuthentication, problem)];
}
