import * as provider from "@pulumi/pulumi/provider";
import { KafkaAuth } from "../../../components/model/state-access";
import { ComponentKind } from "../../../components/model/workload";
import { READINESS_GATE_TYPE } from "../../../components/model/resource-tokens";
import { sleep } from "../spark/master-client";
import { changedKeys, ResourceHandler } from "../resource-handler";
import { readinessGateSchema } from "./gate-schema";
import { observe, Observation, WatchedMember } from "./member-readiness";

interface GateProps {
    kind: ComponentKind;
    group: string;
    members: WatchedMember[];
    groupEndpoints: string[];
    waitOnCreate: boolean;
    timeoutSeconds: number;
    stack: string;
    stateCa?: string;
    stateLogin?: KafkaAuth;
}

const POLL_MS = 500;

function gateProps(raw: Record<string, unknown>): GateProps {
    return raw as unknown as GateProps;
}

/** The gate's id: the members it watches, so two gates of a stack never share one. */
function gateId(gate: GateProps): string {
    return `${gate.group}:${gate.members.map((m) => m.member).join(",")}`;
}

/**
 * Polls every member until all are ready at the same look, or fails at the deadline naming,
 * for each member still not ready, what it waited for and what it saw last.
 */
export async function waitUntilReady(gate: GateProps, look = observe): Promise<void> {
    const deadline = Date.now() + gate.timeoutSeconds * 1000;
    for (;;) {
        const observations: [WatchedMember, Observation][] = await Promise.all(
            gate.members.map(async (member) => [member, await look(gate.kind, member, gate)] as [WatchedMember, Observation]));
        const waiting = observations.filter(([, observation]) => !observation.ready);
        if (waiting.length === 0) return;
        if (Date.now() >= deadline) {
            const details = waiting.map(([member, o]) => `${member.member}: waited for ${o.waitedFor}; last seen: ${o.seen}`).join("\n  ");
            throw new Error(`${gate.group} not ready after ${gate.timeoutSeconds} s (the members' logs: docker logs <container>):\n  ${details}`);
        }
        await sleep(POLL_MS);
    }
}

/**
 * `streamstack:platform:ReadinessGate`: nothing to create in the platform, only a wait. Never
 * replaced (a replacement of a gate would make the engine delete its dependents first).
 */
export function readinessGateHandler(): ResourceHandler {
    return {
        token: READINESS_GATE_TYPE,
        schema: readinessGateSchema,
        async check(_olds, news): Promise<provider.CheckResult> {
            const gate = gateProps(news);
            const failures = gate.timeoutSeconds > 0 ? [] : [{ property: "timeoutSeconds", reason: "must be a positive number of seconds" }];
            return { inputs: news, failures };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const after = gateProps(news);
            const diffs = changedKeys(Object.keys(after) as (keyof GateProps)[], gateProps(olds), after);
            return { changes: diffs.length > 0, replaces: [], deleteBeforeReplace: false };
        },
        async create(inputs): Promise<provider.CreateResult> {
            const gate = gateProps(inputs);
            if (gate.waitOnCreate) await waitUntilReady(gate);
            return { id: gateId(gate), outs: inputs };
        },
        async read(id, props): Promise<provider.ReadResult> {
            // A gate holds no state of its own in the platform: what was recorded stands.
            return { id, props, inputs: props };
        },
        async update(_id, _olds, news): Promise<provider.UpdateResult> {
            await waitUntilReady(gateProps(news));
            return { outs: news };
        },
        async delete(): Promise<void> {
            // Nothing exists outside Pulumi's state.
        },
    };
}
