#!/bin/bash
# Same entry point as Apache Kafka's kafka-configs.sh.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
