#!/bin/bash
# kafka-server-start.sh server.properties [--override key=value ...]
set -euo pipefail
base_dir="$(cd "$(dirname "$0")/.." && pwd)"
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
if [ -r "$base_dir/config/log4j2.properties" ]; then
  export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base_dir/config/log4j2.properties}"
else
  export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:$base_dir/config/log4j.properties}"
fi
exec "$base_dir/bin/kafka-run-class.sh" kafka.Kafka "$@"
