#!/bin/bash
set -euo pipefail
ORDINAL="${STREAMSTACK_ORDINAL:-${HOSTNAME##*-}}"
case "$ORDINAL" in (""|*[!0-9]*) echo "cannot derive the member ordinal from STREAMSTACK_ORDINAL or HOSTNAME=$HOSTNAME" >&2; exit 1;; esac
MEMBER_HOST="${STREAMSTACK_GROUP}-${ORDINAL}${STREAMSTACK_DOMAIN_SUFFIX:-}"
EXTERNAL_ADDRESS="${KAFKA_EXTERNAL_HOST}:$((KAFKA_EXTERNAL_PORT_BASE + ORDINAL))"
exec /opt/kafka/bin/kafka-server-start.sh /etc/streamstack/server.properties \
  --override "broker.id=${ORDINAL}" \
  --override "advertised.listeners=INTERNAL://${MEMBER_HOST}:9092,EXTERNAL://${EXTERNAL_ADDRESS}"
