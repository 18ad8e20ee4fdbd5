#!/bin/bash
# zkCli.sh [-server host:port] [command]: the ZooKeeper command-line client.
home="$(cd "$(dirname "$0")/.." && pwd)"
exec java -Xmx128m -Dlogback.configurationFile="$home/conf/logback-cli.xml" -cp "$home/lib/*" org.apache.zookeeper.ZooKeeperMain "$@"
