#!/bin/bash
# Same entry point as Apache Kafka's kafka-metadata-quorum.sh (KRaft: the controller quorum's state).
KAFKA_ADMIN_TOOL=1 exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
