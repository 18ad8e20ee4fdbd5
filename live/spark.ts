/** Spark standalone masters and workers, asked through their web UIs' JSON. */
import { ProbeOptions } from "./endpoint";
import { getJson } from "./http-json";

export interface MasterWorker {
    id: string;
    host: string;
    state: string;
    cores: number;
    coresused: number;
    /** MiB. */
    memory: number;
    memoryused: number;
}

/** A standalone master's `/json/` (Spark's JsonProtocol), the fields the probes read. */
export interface MasterStatus {
    status: string;
    aliveworkers?: number;
    workers: MasterWorker[];
    activeapps: { id: string; name: string; state: string; cores: number }[];
    completedapps: { name: string; state: string; cores: number }[];
    activedrivers: { id: string; state: string; worker: string }[];
}


/** A standalone worker's `/json/`, the field the gates read: the master it is registered with. */
export interface WorkerStatus {
    masterurl?: string;
}

export function workerStatus(uiUrl: string, { timeoutMs = 5000 }: ProbeOptions = {}): Promise<WorkerStatus> {
    return getJson<WorkerStatus>(`${uiUrl}/json/`, { timeoutMs }) as Promise<WorkerStatus>;
}

export function masterStatus(uiUrl: string, { timeoutMs = 5000 }: ProbeOptions = {}): Promise<MasterStatus> {
    return getJson<MasterStatus>(`${uiUrl}/json/`, { timeoutMs }) as Promise<MasterStatus>;
}

/** The ALIVE master among the given web UIs (its position and state); undefined while none is. */
export async function aliveMaster(uiUrls: string[], { timeoutMs = 5000 }: ProbeOptions = {}): Promise<{ index: number; state: MasterStatus } | undefined> {
    const states = await Promise.all(uiUrls.map((url) => masterStatus(url, { timeoutMs }).catch(() => undefined)));
    const index = states.findIndex((state) => state?.status === "ALIVE");
    return index >= 0 ? { index, state: states[index]! } : undefined;
}
