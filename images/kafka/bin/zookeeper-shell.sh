#!/bin/bash
# Same entry point as Apache Kafka's zookeeper-shell.sh: zookeeper-shell.sh host:port [command].
KAFKA_ADMIN_TOOL=1 exec "$(dirname "$0")/kafka-run-class.sh" org.apache.zookeeper.ZooKeeperMainWithTlsSupportForKafka -server "$@"
