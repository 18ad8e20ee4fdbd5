#!/bin/bash
# Same entry point as Apache Kafka's kafka-producer-perf-test.sh: Kafka's own producer benchmark.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.ProducerPerformance "$@"
