#!/bin/bash
set -euo pipefail
ORDINAL="${STREAMSTACK_ORDINAL:-${HOSTNAME##*-}}"
case "$ORDINAL" in (""|*[!0-9]*) echo "cannot derive the member ordinal from STREAMSTACK_ORDINAL or HOSTNAME=$HOSTNAME" >&2; exit 1;; esac
MEMBER_HOST="${STREAMSTACK_GROUP}-${ORDINAL}${STREAMSTACK_DOMAIN_SUFFIX:-}"
if [ ! -e /var/lib/kafka/data/streamstack-znodes-protected ]; then
  if [ -e /var/lib/kafka/data/meta.properties ]; then
    KAFKA_HEAP_OPTS=-Xmx128m kafka-run-class.sh kafka.admin.ZkSecurityMigrator --zookeeper.acl=secure \
      --zookeeper.connect "zookeeper-0:2181,zookeeper-1:2181,zookeeper-2:2181/kafka" || exit 1
  fi
  touch /var/lib/kafka/data/streamstack-znodes-protected
fi
EXTERNAL_ADDRESS="${KAFKA_EXTERNAL_HOST}:$((KAFKA_EXTERNAL_PORT_BASE + ORDINAL))"
exec /opt/kafka/bin/kafka-server-start.sh /etc/streamstack/server.properties \
  --override "broker.id=${ORDINAL}" \
  --override "listener.name.replication.ssl.keystore.location=/etc/streamstack-secrets/kafka-tls-${ORDINAL}.pem" \
  --override "advertised.listeners=INTERNAL://${MEMBER_HOST}:9092,EXTERNAL://${EXTERNAL_ADDRESS},REPLICATION://${MEMBER_HOST}:9091,PROBE://${MEMBER_HOST}:9090"
