#!/bin/bash
# Same entry point as Apache Kafka's kafka-storage.sh (KRaft: formats a member's log directory).
KAFKA_ADMIN_TOOL=1 exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
