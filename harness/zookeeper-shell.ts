/**
 * What `zookeeper-shell.sh` answered, without its watcher's notices. The shell prints
 * `WATCHER::` and `WatchedEvent state:… path:null` lines from its event thread while the
 * command's own output is being printed, so on a busy machine they land inside it — seen in
 * command B: `[` + the SaslAuthenticated notice + `kafka, spark, zookeeper]` for `ls /`.
 */
export function withoutWatcherNotices(output: string): string {
    return output.replace(/\n?WatchedEvent [^\n]*\n/g, "").replace(/^WATCHER::\n/gm, "");
}
