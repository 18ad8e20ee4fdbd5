/**
 * What the streamstack provider runs beside the platform (a one-shot container of the Kafka
 * image) to read and change a migration's state in ZooKeeper, where Kafka reports it without
 * JMX: the KRaft controller that took the cluster over holds /controller (its
 * `kraftControllerEpoch`; a broker leading in ZooKeeper mode writes -1 there), and /migration
 * records the metadata log's offset it copied up to (-1 until the copy is done; KIP-866). Pure:
 * the scripts' text.
 */

/** Where the one-shot finds its files: the script and ZooKeeper's login, readable by its user alone. */
export const MIGRATION_CLIENT_DIR = "/tmp/streamstack";
export const MIGRATION_CLIENT_JAAS = `${MIGRATION_CLIENT_DIR}/zookeeper-client.jaas`;
export const MIGRATION_CLIENT_SCRIPT = `${MIGRATION_CLIENT_DIR}/migration.sh`;

/** The last line a check prints, the state it saw; the provider keeps it as the resource's output. */
export const SEEN_PREFIX = "seen:";

/**
 * Shell functions: `znode PATH` printing the znode's data (its JSON) under the cluster's chroot,
 * or nothing; `kraft_claim DATA` true when /controller's data is a KRaft controller's claim.
 */
function znodeReader(zookeeperWithChroot: string): string[] {
    return [
        "set -u",
        `export KAFKA_OPTS="-Djava.security.auth.login.config=${MIGRATION_CLIENT_JAAS}"`,
        "export KAFKA_HEAP_OPTS=-Xmx64m",
        `znode() { zookeeper-shell.sh "${zookeeperWithChroot}" get "$1" 2>/dev/null | grep '^{' | tail -1; }`,
        "kraft_claim() { case \"$1\" in *'\"kraftControllerEpoch\":'[0-9]*) return 0 ;; esac; return 1; }",
    ];
}

/**
 * Waits until a KRaft controller holds /controller and /migration records a copied offset: the
 * metadata is in the quorum's log and every change is written to both (dual write). Exits 1 with
 * what it last saw after `timeoutSeconds`.
 */
export function renderDualWriteWait(zookeeperWithChroot: string, timeoutSeconds: number): string {
    return [
        ...znodeReader(zookeeperWithChroot),
        `deadline=$((SECONDS + ${timeoutSeconds}))`,
        "while :; do",
        "  controller=\"$(znode /controller)\"; migration=\"$(znode /migration)\"",
        `  echo "${SEEN_PREFIX} /controller \${controller:-absent}; /migration \${migration:-absent}"`,
        "  if kraft_claim \"$controller\"; then",
        "    case \"$migration\" in ''|*'\"kraft_metadata_offset\":-1'*) ;; *) exit 0 ;; esac",
        "  fi",
        `  [ "$SECONDS" -lt "$deadline" ] || { echo "the migration did not reach dual write within ${timeoutSeconds} s" >&2; exit 1; }`,
        "  sleep 2",
        "done",
        "",
    ].join("\n");
}

/**
 * Hands ZooKeeper back to the brokers once the migration's controllers are gone: the KRaft
 * controller's claim on /controller deleted (a broker then elects itself, as ZooKeeper mode does),
 * and the migration's state, so a later migration starts afresh. A broker's own claim is left.
 */
export function renderZooKeeperHandback(zookeeperWithChroot: string): string {
    return [
        ...znodeReader(zookeeperWithChroot),
        "controller=\"$(znode /controller)\"",
        `kraft_claim "$controller" && zookeeper-shell.sh "${zookeeperWithChroot}" delete /controller >/dev/null 2>&1`,
        `zookeeper-shell.sh "${zookeeperWithChroot}" delete /migration >/dev/null 2>&1`,
        "controller=\"$(znode /controller)\"; migration=\"$(znode /migration)\"",
        `echo "${SEEN_PREFIX} /controller \${controller:-absent}; /migration \${migration:-absent}"`,
        "! kraft_claim \"$controller\" || { echo \"a KRaft controller still holds /controller\" >&2; exit 1; }",
        "[ -z \"$migration\" ] || { echo \"/migration is still there\" >&2; exit 1; }",
        "",
    ].join("\n");
}
