#!/bin/bash
# Same entry point as Apache Kafka's kafka-broker-api-versions.sh.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.BrokerApiVersionsCommand "$@"
