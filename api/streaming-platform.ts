import * as pulumi from "@pulumi/pulumi";
import {
    CheckpointSettings, ConfigError, ImageSettings, JobSettings, KafkaSettings, KubernetesSettings, PlatformSettings, PortSettings,
    SparkSettings, Target, KafkaUserSettings, TopicSettings, ZooKeeperSettings,
} from "../components/config";
import { CONFIG_NAMESPACE, ConfigProblem } from "../components/config/problem";
import { readStackConfig } from "../components/config/stack-config";
import { platformPrefix } from "../components/model/labels";
import { PlatformComponent } from "../components/platform";
import { coexistenceProblems, DeclaredPlatform } from "../components/platform/coexistence";
import { resolveSettings } from "../components/platform/settings";
import { localAddresses } from "../program/local-addresses";
import { Placement, preflightFor, targetFor } from "../program/select-target";
import { declaredVolumes, warnOfVolumeRemoval } from "../program/volume-removal";
import { warmUpProviders } from "../program/warm-up";

/** Where a platform runs; pick one of the values `docker` and `kubernetes`. */
export type { Target };
/** The local Docker engine: one network, a container and named volumes per member (the default). */
export const docker: Target = "docker";
/** A Kubernetes cluster: StatefulSets, Services and claims in the `kubernetes.namespace` namespace. */
export const kubernetes: Target = "kubernetes";

/** A topic of the platform: its name, and any setting that differs from the defaults. */
export type TopicArgs = Partial<TopicSettings> & Pick<TopicSettings, "name">;
/** A Kafka user of the platform: its name, and its ACLs (none: it logs in and may do nothing). */
export type UserArgs = Partial<KafkaUserSettings> & Pick<KafkaUserSettings, "name">;
/** A streaming job of the platform: its name, and any setting that differs from the sample job's. */
export type JobArgs = Partial<JobSettings> & Pick<JobSettings, "name">;

/**
 * A platform's settings, every one optional (defaults in docs/configuration.md): the same keys,
 * types and rules as a stack's `streamstack:` config. They are plain values, not
 * `pulumi.Input`s, because they decide which resources exist (how many brokers, which topics)
 * while the program is declaring them; values the platform computes are its Outputs.
 */
export interface StreamingPlatformArgs {
    /**
     * Where the platform runs: `docker` or `kubernetes`.
     * @default "docker"
     */
    target?: Target;
    /** The ZooKeeper ensemble. */
    zookeeper?: Partial<ZooKeeperSettings>;
    /** The Kafka brokers. */
    kafka?: Partial<KafkaSettings>;
    /** Spark standalone: masters, workers, scheduler limits and the checkpoint volume. */
    spark?: Partial<Omit<SparkSettings, "checkpoint">> & { checkpoint?: Partial<CheckpointSettings> };
    /**
     * Kafka topics, each a `streamstack:kafka:Topic` resource.
     * @default [{ name: "events", partitions: 6, replicationFactor: 3, config: { "retention.ms": "604800000" } }]
     */
    topics?: TopicArgs[];
    /**
     * Kafka users of your own, each a `streamstack:kafka:User` resource (a SCRAM login and its
     * ACLs; kafka.authentication "scram-sha-512").
     * @default []
     */
    users?: UserArgs[];
    /**
     * Streaming jobs, each a `streamstack:spark:StreamingJob` resource.
     * @default []
     */
    jobs?: JobArgs[];
    /** The members' images (they must be on the Docker engine or the cluster's nodes: nothing is pulled). */
    images?: Partial<ImageSettings>;
    /** Published ports (Docker) or NodePorts (Kubernetes), and the address Docker binds them to. */
    ports?: Partial<PortSettings>;
    /** The Kubernetes target's cluster, namespace and node address. */
    kubernetes?: Partial<KubernetesSettings>;
    /**
     * Keep the resource names of a stack made by streamstack 0.1, which named resources without
     * the platform's name (`kafka-0` rather than `<name>-kafka-0`): each resource is aliased to
     * its old name, so nothing is replaced. At most one platform of a program can keep them.
     * @default false
     */
    keepUnscopedNames?: boolean;
}

/** How a problem's key reads to the one who wrote the settings: a stack config key, or an argument's path. */
type KeyWording = { configNamespace: string } | { component: string };

/** How each platform's settings were given, when not as arguments (fromConfig). */
const keyWordings = new WeakMap<object, KeyWording>();

/** The platforms this program has declared so far: a new one must not take their ports or namespace. */
const declaredPlatforms: DeclaredPlatform[] = [];

/**
 * A RunError (Pulumi prints its message alone, without a stack trace) whose message stays as
 * written. A refusal found by the live check fails the platform's registration, and every
 * resource of the platform fails with the same error object; the SDK prefixes its message with
 * each property it was serializing as it passes through (`error serializing property "members": …`).
 */
class Refusal extends pulumi.RunError {
    constructor(text: string) {
        super(text);
        Object.defineProperty(this, "message", { get: () => text, set: () => undefined });
    }
}

function refusal(problems: ConfigProblem[], wording: KeyWording): pulumi.RunError {
    if ("configNamespace" in wording) {
        const renamed = problems.map((p) => ({ ...p, key: `${wording.configNamespace}:${p.key.slice(CONFIG_NAMESPACE.length + 1)}` }));
        return new Refusal(new ConfigError(renamed).message.replace(/^streamstack configuration/, `${wording.configNamespace} configuration`));
    }
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    const paths = problems.map((p) => ({ ...p, key: `args.${p.key.slice(CONFIG_NAMESPACE.length + 1)}` }));
    return new Refusal(`StreamingPlatform "${wording.component}" has ${count} in its arguments:\n${new ConfigError(paths).message.split("\n").slice(1).join("\n")}`);
}

/**
 * Validated settings, or a RunError (Pulumi prints its message alone) naming every problem in
 * the caller's terms, those with the program's other platforms included.
 */
function settingsOf(args: StreamingPlatformArgs, wording: KeyWording): PlatformSettings {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- not a setting
    const { keepUnscopedNames, ...raw } = args;
    let settings: PlatformSettings;
    try {
        settings = resolveSettings(raw as Record<string, unknown>, { localAddresses: localAddresses() });
    } catch (error) {
        throw error instanceof ConfigError ? refusal(error.problems, wording) : error;
    }
    const problems = coexistenceProblems(settings, declaredPlatforms);
    if (problems.length > 0) throw refusal(problems, wording);
    return settings;
}

/**
 * ZooKeeper, Kafka and Spark standalone HA (with ZooKeeper recovery), their topics and
 * streaming jobs, on Docker or Kubernetes: `new StreamingPlatform("orders", { kafka: { brokers: 3 } })`.
 *
 * Before anything is declared the arguments are validated (every problem is listed, naming its
 * path) and the live target is asked what only it can tell (host ports in use, brokers that
 * would leave with data); either failing fails the preview, and nothing is created. Every
 * resource is named `<name>-…` and every container, network and volume `<name>-<stack>-…`, so
 * platforms of different names live side by side in one program. A `kubernetes` or `docker`
 * provider passed through `providers` is the one used.
 */
export class StreamingPlatform extends PlatformComponent {
    /** Every setting with its default filled in. */
    readonly settings: PlatformSettings;

    constructor(name: string, args: StreamingPlatformArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const wording = keyWordings.get(args) ?? { component: name };
        const settings = settingsOf(args, wording);
        declaredPlatforms.push({ name, settings });
        const stack = pulumi.getStack();
        const placement: Placement = { stack, prefix: platformPrefix(name, stack) };
        warmUpProviders(settings);
        const preflight = preflightFor(settings, placement);
        const checked = preflight.then(({ problems }) => {
            if (problems.length > 0) throw refusal(problems, wording);
        });
        // An engine that cannot be asked is the preflight's to report, once.
        const volumesWarned = settings.target === "docker"
            ? warnOfVolumeRemoval(placement.prefix, declaredVolumes(settings, placement.prefix)).catch(() => undefined) : undefined;
        super(name, {
            settings,
            // A failed preflight fails `ready`; the guards' input needs no second report of it.
            target: targetFor(settings, placement, preflight.then((p) => p.liveChecked, () => false)),
            ready: Promise.all([checked, volumesWarned]).then(() => undefined),
            keepUnscopedNames: args.keepUnscopedNames,
        }, opts);
        this.settings = settings;
    }

    /**
     * The platform a stack's config describes: every key of the config namespace (`namespace`,
     * the platform's name unless given; `orders:kafka` = `{"brokers": 5}`) is the argument of
     * that name, and a problem is named by its config key (`orders:kafka.brokers`).
     */
    static fromConfig(name: string, options: FromConfigOptions = {}, opts?: pulumi.ComponentResourceOptions): StreamingPlatform {
        const namespace = options.namespace ?? name;
        const prefix = `${namespace}:`;
        const all = Object.fromEntries(Object.entries(pulumi.runtime.allConfig())
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, value]) => [`${CONFIG_NAMESPACE}:${key.slice(prefix.length)}`, value]));
        const args: StreamingPlatformArgs = { ...(readStackConfig(all) as StreamingPlatformArgs), keepUnscopedNames: options.keepUnscopedNames };
        keyWordings.set(args, { configNamespace: namespace });
        return new StreamingPlatform(name, args, opts);
    }
}

/** Where StreamingPlatform.fromConfig reads the settings, and what it keeps. */
export interface FromConfigOptions {
    /**
     * The config namespace holding the settings.
     * @default the platform's name
     */
    namespace?: string;
    /** See StreamingPlatformArgs.keepUnscopedNames. */
    keepUnscopedNames?: boolean;
}
