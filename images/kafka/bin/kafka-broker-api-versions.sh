#!/bin/bash
# Same entry point as Apache Kafka's kafka-broker-api-versions.sh.
KAFKA_ADMIN_TOOL=1 exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.BrokerApiVersionsCommand "$@"
