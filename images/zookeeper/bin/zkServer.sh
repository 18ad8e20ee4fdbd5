#!/bin/bash
# zkServer.sh start-foreground: runs the server on $ZOOCFGDIR/zoo.cfg in the foreground,
# with the official scripts' variables (ZK_SERVER_HEAP in MiB, JVMFLAGS, SERVER_JVMFLAGS).
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-start-foreground}" in
  start-foreground) ;;
  *) echo "usage: zkServer.sh start-foreground (containers run ZooKeeper in the foreground)" >&2; exit 2 ;;
esac
cfg="${ZOOCFGDIR:-/conf}/zoo.cfg"
# shellcheck disable=SC2086  # option strings are word lists by design
exec java -Xmx"${ZK_SERVER_HEAP:-1000}"m ${JVMFLAGS:-} ${SERVER_JVMFLAGS:-} \
  -Dzookeeper.log.dir="${ZOO_LOG_DIR:-/logs}" -Dlogback.configurationFile="$home/conf/logback.xml" \
  -Dzookeeper.admin.enableServer=false -cp "$home/lib/*" \
  org.apache.zookeeper.server.quorum.QuorumPeerMain "$cfg"
