/**
 * What a standalone master reports at `<web UI>/json/` (Spark's JsonProtocol), as far as the
 * job handler reads it, and how the handler finds a job's current driver in it.
 */
export interface DriverJson {
    id: string;
    state: string;
    cores: number;
    /** MiB. */
    memory: number;
    worker: string;
    /** The user's main class (the DriverWrapper's third argument). */
    mainclass: string;
    starttime: string;
}

export interface AppJson {
    id: string;
    name: string;
    state: string;
}

export interface MasterJson {
    url: string;
    /** ALIVE, STANDBY, RECOVERING or COMPLETING_RECOVERY. */
    status: string;
    activedrivers: DriverJson[];
    completeddrivers: DriverJson[];
    activeapps: AppJson[];
}

/** States in which a driver is, or is about to be, running. */
export const LIVE_DRIVER_STATES = ["SUBMITTED", "RUNNING", "RELAUNCHING"];

/** How a job's drivers look in the master's records. */
export interface DriverIdentity {
    /** The driver the resource last recorded. */
    driverId: string;
    mainClass: string;
    driverCores: number;
    driverMemoryMb: number;
}

export interface FoundDriver {
    id: string;
    state: string;
    worker: string;
}

/**
 * The job's current driver. A supervised relaunch (its worker was lost) gives the driver a new
 * id, and the master keeps only the new one after a failover, so when the recorded id is no
 * longer active the newest active driver of the same main class, cores and memory is the
 * job's: the stack-config rules keep those distinct between jobs. undefined: no driver at all.
 */
export function findCurrentDriver(master: MasterJson, job: DriverIdentity): FoundDriver | undefined {
    const active = master.activedrivers.find((driver) => driver.id === job.driverId);
    if (active) return pick(active);
    const relaunched = master.activedrivers
        .filter((driver) => driver.mainclass === job.mainClass && driver.cores === job.driverCores && driver.memory === job.driverMemoryMb)
        .sort((a, b) => Number(b.starttime) - Number(a.starttime))[0];
    if (relaunched) return pick(relaunched);
    const ended = master.completeddrivers.find((driver) => driver.id === job.driverId);
    return ended && pick(ended);
}

function pick(driver: DriverJson): FoundDriver {
    return { id: driver.id, state: driver.state, worker: driver.worker };
}
