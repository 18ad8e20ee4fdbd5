#!/bin/bash
# kafka-run-class.sh CLASS [ARGS]: runs a Kafka main class on the jars in /opt/kafka/libs,
# honouring the same variables as Apache Kafka's script (KAFKA_HEAP_OPTS, KAFKA_OPTS,
# KAFKA_LOG4J_OPTS, KAFKA_JVM_PERFORMANCE_OPTS).
set -euo pipefail
base_dir="$(cd "$(dirname "$0")/.." && pwd)"
: "${KAFKA_HEAP_OPTS:=-Xmx256m}"
# Every Kafka JVM of the image starts on its class-data archive (kafka.jsa, dumped at build from
# config/kafka.classlist: the classes a broker's start and the admin tools load), which spares
# it most of its class loading: a broker reached "started" in 1.7 s with 1.5 s of CPU against
# 3.0 s and 2.7 s without. The admin tools (their scripts set KAFKA_ADMIN_TOOL=1) live a second
# or two and also get the quick JIT and the serial collector: kafka-topics.sh --list 0.5 s of
# CPU against 1.2-1.4 s. KAFKA_JVM_PERFORMANCE_OPTS still chooses the JIT and collector;
# KAFKA_CLASS_SHARING=on makes an archive the JVM cannot use an error instead of a slow start
# (the image build checks that), off leaves it out.
if [ "${KAFKA_ADMIN_TOOL:-}" = 1 ]; then
  : "${KAFKA_JVM_PERFORMANCE_OPTS:=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true}"
fi
# Kafka 4 logs through Log4j 2 (an image of it has config/log4j2.properties), 3.9 through reload4j.
if [ -r "$base_dir/config/log4j2.properties" ]; then
  : "${KAFKA_LOG4J_OPTS:=-Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.properties}"
else
  : "${KAFKA_LOG4J_OPTS:=-Dlog4j.configuration=file:$base_dir/config/tools-log4j.properties}"
fi
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
class_sharing=""
if [ -r "$base_dir/kafka.jsa" ]; then
  class_sharing="-XX:SharedArchiveFile=$base_dir/kafka.jsa -Xshare:${KAFKA_CLASS_SHARING:-auto}"
fi
# shellcheck disable=SC2086  # option strings are word lists by design
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $class_sharing $KAFKA_LOG4J_OPTS ${KAFKA_OPTS:-} \
  -Dkafka.logs.dir="${LOG_DIR:-$base_dir/logs}" -cp "$base_dir/libs/*" "$@"
