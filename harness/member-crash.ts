import { docker } from "./platform-probe";
import { k8sLocal } from "./k8s-local";

/**
 * How a platform member crashes for a drill or a bench: SIGKILL of its process, no chance to
 * close its sessions. `revive` brings it back where the target does not do that itself.
 */
export interface MemberCrash {
    kill(member: string): Promise<void>;
    /** After the measurement: start the killed member again (a no-op where the target restarts it). */
    revive(member: string): Promise<void>;
}

/** A Docker platform's member (container `<prefix>-<member>`): `docker kill --signal KILL`, then `docker start`. */
export function dockerCrash(prefix: string): MemberCrash {
    return {
        kill: async (member) => { await docker(["kill", "--signal", "KILL", `${prefix}-${member}`]); },
        revive: async (member) => { await docker(["start", `${prefix}-${member}`]); },
    };
}

/**
 * A pod of the local cluster (pod name = member): its processes SIGKILLed on the node
 * (`scripts/k8s-local.sh sigkill`); the kubelet restarts the container, as it would after a real
 * crash, so there is nothing to revive.
 */
export function kubernetesCrash(namespace: string): MemberCrash {
    return {
        kill: async (member) => { await k8sLocal("sigkill", namespace, member); },
        revive: async () => undefined,
    };
}
