#!/bin/bash
# kafka-run-class.sh CLASS [ARGS]: runs a Kafka main class on the jars in /opt/kafka/libs,
# honouring the same variables as Apache Kafka's script (KAFKA_HEAP_OPTS, KAFKA_OPTS,
# KAFKA_LOG4J_OPTS, KAFKA_JVM_PERFORMANCE_OPTS).
set -euo pipefail
base_dir="$(cd "$(dirname "$0")/.." && pwd)"
: "${KAFKA_HEAP_OPTS:=-Xmx256m}"
: "${KAFKA_LOG4J_OPTS:=-Dlog4j.configuration=file:$base_dir/config/tools-log4j.properties}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
# shellcheck disable=SC2086  # option strings are word lists by design
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_LOG4J_OPTS ${KAFKA_OPTS:-} \
  -Dkafka.logs.dir="${LOG_DIR:-$base_dir/logs}" -cp "$base_dir/libs/*" "$@"
