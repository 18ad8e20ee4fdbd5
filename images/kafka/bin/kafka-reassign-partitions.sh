#!/bin/bash
# Same entry point as Apache Kafka's kafka-reassign-partitions.sh.
KAFKA_ADMIN_TOOL=1 exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.reassign.ReassignPartitionsCommand "$@"
