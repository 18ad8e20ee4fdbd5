#!/bin/bash
# Same entry point as Apache Kafka's kafka-console-producer.sh.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.ConsoleProducer "$@"
