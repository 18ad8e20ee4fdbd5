#!/usr/bin/env bash
# Makes sure a Docker engine answers: installs Debian's docker.io when no daemon binary
# exists and starts dockerd in the background (logging to the cache) when it is not running.
source "$(dirname "$0")/lib.sh"

if docker info >/dev/null 2>&1; then
  log "docker engine already answering"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || die "dockerd is missing and installing it needs root: run 'sudo apt-get install -y docker.io'"
  log "installing Debian's docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi

[ "$(id -u)" = 0 ] || die "the docker daemon is not running: start it (e.g. 'sudo systemctl start docker')"
daemon_log="$STREAMSTACK_CACHE/logs/dockerd.log"
mkdir -p "$(dirname "$daemon_log")"
log "starting dockerd in the background (log: $daemon_log)"
# setsid: the daemon must outlive this script and the shell that ran it.
setsid nohup dockerd >"$daemon_log" 2>&1 </dev/null &

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    log "docker engine answering"
    exit 0
  fi
  sleep 1
done
tail -20 "$daemon_log" >&2 || true
die "dockerd did not answer within 60s; its log is $daemon_log"
