#!/bin/bash
# Same entry point as Apache Kafka's kafka-configs.sh.
KAFKA_ADMIN_TOOL=1 exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
