#!/bin/bash
# kafka-server-start.sh server.properties [--override key=value ...]
set -euo pipefail
base_dir="$(cd "$(dirname "$0")/.." && pwd)"
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:$base_dir/config/log4j.properties}"
exec "$base_dir/bin/kafka-run-class.sh" kafka.Kafka "$@"
