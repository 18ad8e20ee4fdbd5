import { MemberCrash } from "./member-crash";
import { aliveMaster, eventually } from "./platform-probe";

/**
 * A Spark master failover, as the fault drill and `npm run bench:failover` measure it: SIGKILLs
 * the ALIVE master (member `spark-master-<i>`, `masterUis[i]` its UI) and returns the seconds
 * until another master is ALIVE with `workers` workers ALIVE under it. The killed master is
 * revived before it returns (it comes back as the standby); waiting for the platform to be
 * healthy again is the caller's.
 */
export async function masterFailoverSeconds(crash: MemberCrash, masterUis: string[], workers: number): Promise<number> {
    const leader = (await eventually("an ALIVE master", () => aliveMaster(masterUis), 120_000)).index;
    const killed = `spark-master-${leader}`;
    const standby = masterUis.filter((_, i) => i !== leader);
    await crash.kill(killed);
    const killedAt = Date.now();
    try {
        await eventually(`a standby ALIVE with ${workers} workers`, async () => {
            const state = await aliveMaster(standby);
            return state && state.state.workers.filter((w) => w.state === "ALIVE").length === workers ? true : undefined;
        }, 180_000, 250);
        return (Date.now() - killedAt) / 1000;
    } finally {
        await crash.revive(killed);
    }
}
