#!/usr/bin/env bash
# Builds the JRE base image that the ZooKeeper, Kafka and Spark images start FROM, when no
# registry is reachable: a minimal Debian with OpenJDK 17 made by debootstrap, then imported.
# Elsewhere pass BASE_IMAGE=eclipse-temurin:17-jre to the image builds instead.
# Prints the image tag on stdout.
source "$(dirname "$0")/lib.sh"
mkdir -p "$STREAMSTACK_CACHE/logs"

packages="openjdk-17-jre-headless,procps,netcat-openbsd,curl,ca-certificates,tini"
# The tag carries a hash of what went in, so a changed package list makes a new image.
tag="streamstack/jre-base:$(printf '%s %s' "$DEBIAN_SUITE" "$packages" | sha256sum | cut -c1-12)"

if docker image inspect "$tag" >/dev/null 2>&1; then
  log "base image $tag present"
  echo "$tag"
  exit 0
fi

command -v debootstrap >/dev/null 2>&1 || {
  [ "$(id -u)" = 0 ] || die "debootstrap is missing: 'sudo apt-get install -y debootstrap', or set BASE_IMAGE to a JRE 17 image"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

# The mirror apt already uses on this machine.
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
  grep -vE '^\s*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)
mirror="${DEBIAN_MIRROR:-${mirror:-http://deb.debian.org/debian}}"
rootfs="$STREAMSTACK_CACHE/build/rootfs-$$"
rm -rf "$rootfs"
log "debootstrap $DEBIAN_SUITE from $mirror (packages: $packages)"
debootstrap --variant=minbase --include="$packages" "$DEBIAN_SUITE" "$rootfs" "$mirror" >"$STREAMSTACK_CACHE/logs/debootstrap.log" 2>&1 ||
  { tail -20 "$STREAMSTACK_CACHE/logs/debootstrap.log" >&2; die "debootstrap failed (log: $STREAMSTACK_CACHE/logs/debootstrap.log)"; }
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import \
  -c 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  - "$tag" >/dev/null
rm -rf "$rootfs"
log "imported $tag"
echo "$tag"
