# Kafka 4 moved these admin tools from the core (Scala) jar into kafka-tools (images.sh applies
# this to bin/*.sh for a 4.x image).
s/kafka\.admin\.AclCommand/org.apache.kafka.tools.AclCommand/
s/kafka\.admin\.BrokerApiVersionsCommand/org.apache.kafka.tools.BrokerApiVersionsCommand/
s/kafka\.admin\.ConfigCommand/org.apache.kafka.tools.ConfigCommand/
s/kafka\.tools\.ConsoleProducer/org.apache.kafka.tools.ConsoleProducer/
