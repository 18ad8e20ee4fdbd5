#!/bin/bash
# Same entry point as Apache Kafka's kafka-acls.sh (the brokers' start writes in-platform clients' ACLs with it).
KAFKA_ADMIN_TOOL=1 exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.AclCommand "$@"
