#!/bin/bash
# kafka-run-class.sh CLASS [ARGS]: runs a Kafka main class on the jars in /opt/kafka/libs,
# honouring the same variables as Apache Kafka's script (KAFKA_HEAP_OPTS, KAFKA_OPTS,
# KAFKA_LOG4J_OPTS, KAFKA_JVM_PERFORMANCE_OPTS).
set -euo pipefail
base_dir="$(cd "$(dirname "$0")/.." && pwd)"
: "${KAFKA_HEAP_OPTS:=-Xmx256m}"
# Kafka's admin tools (their scripts set KAFKA_ADMIN_TOOL=1) live a second or two, most of it
# loading classes and compiling: they start on the image's class-data archive of the classes they
# load (tools.jsa, dumped at build from config/tools.classlist), with the quick JIT and the serial
# collector — less than half the CPU of the server settings (kafka-topics.sh --list 0.5 s
# against 1.2-1.4 s, kafka-configs.sh 0.6 s against 1.9 s). The broker and the performance tools
# keep the server settings. KAFKA_JVM_PERFORMANCE_OPTS still replaces the JIT and collector;
# KAFKA_TOOLS_SHARE=on makes an archive the JVM cannot use an error instead of a slow start.
if [ "${KAFKA_ADMIN_TOOL:-}" = 1 ]; then
  : "${KAFKA_JVM_PERFORMANCE_OPTS:=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true}"
  if [ -r "$base_dir/tools.jsa" ]; then
    KAFKA_JVM_PERFORMANCE_OPTS="$KAFKA_JVM_PERFORMANCE_OPTS -XX:SharedArchiveFile=$base_dir/tools.jsa -Xshare:${KAFKA_TOOLS_SHARE:-auto}"
  fi
fi
: "${KAFKA_LOG4J_OPTS:=-Dlog4j.configuration=file:$base_dir/config/tools-log4j.properties}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
# shellcheck disable=SC2086  # option strings are word lists by design
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_LOG4J_OPTS ${KAFKA_OPTS:-} \
  -Dkafka.logs.dir="${LOG_DIR:-$base_dir/logs}" -cp "$base_dir/libs/*" "$@"
