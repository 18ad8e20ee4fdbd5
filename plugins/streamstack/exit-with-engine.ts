/**
 * Exits when the engine that started this provider dies. The engine's Go plugins notice a dead
 * engine by a health check every 5 minutes; the Node provider server has none, so after a
 * `pulumi up` killed with SIGKILL this process would keep serving forever. The engine is the
 * parent (the launcher execs node): once the process is re-parented, the engine is gone.
 */
export function exitWithEngine(intervalMs = 1000): void {
    const engine = process.ppid;
    setInterval(() => {
        if (process.ppid !== engine) process.exit(0);
    }, intervalMs).unref();
}
