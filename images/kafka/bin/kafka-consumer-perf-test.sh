#!/bin/bash
# Same entry point as Apache Kafka's kafka-consumer-perf-test.sh: Kafka's own consumer benchmark.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.ConsumerPerformance "$@"
