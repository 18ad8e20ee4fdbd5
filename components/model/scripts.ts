import { ORDINAL_ENV } from "./workload";

/**
 * Shell preamble of every start script: the member ordinal comes from STREAMSTACK_ORDINAL
 * (set by the Docker adapter) or from the StatefulSet pod name suffix (`kafka-2` -> 2).
 */
export const ORDINAL_PREAMBLE = [
    "#!/bin/bash",
    "set -euo pipefail",
    `ORDINAL="\${${ORDINAL_ENV}:-\${HOSTNAME##*-}}"`,
    'case "$ORDINAL" in (""|*[!0-9]*) echo "cannot derive the member ordinal from ' + ORDINAL_ENV + ' or HOSTNAME=$HOSTNAME" >&2; exit 1;; esac',
    'MEMBER_HOST="${STREAMSTACK_GROUP}-${ORDINAL}${STREAMSTACK_DOMAIN_SUFFIX:-}"',
].join("\n");

/** A bash TCP check that needs no nc/curl in the image. */
export function tcpProbe(port: number): string[] {
    // $HOSTNAME, not 127.0.0.1: Spark daemons bind only the address their host name resolves to.
    return ["bash", "-c", `exec 3<>/dev/tcp/$HOSTNAME/${port}`];
}

export function standardProbe(command: string[], initialDelaySeconds: number): {
    command: string[]; initialDelaySeconds: number; periodSeconds: number; timeoutSeconds: number; failureThreshold: number;
} {
    return { command, initialDelaySeconds, periodSeconds: 5, timeoutSeconds: 4, failureThreshold: 6 };
}
