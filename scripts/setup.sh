#!/usr/bin/env bash
# Sets up everything the platform and its tests need, skipping what is already there:
# Node 22+, node_modules, the build (tsc), the Pulumi CLI + nodejs language host, the docker resource plugin,
# a Docker engine, the ZooKeeper/Kafka/Spark images; for command B also the kubernetes plugin,
# the local cluster's binaries, actionlint and the YAML and Python language hosts. Built tools
# are cached in ~/.cache/streamstack (keyed by version). Prints each step and how long it took.
# Safe to run again.
source "$(dirname "$0")/setup/lib.sh"
setup_dir="$STREAMSTACK_ROOT/scripts/setup"
mkdir -p "$STREAMSTACK_CACHE/logs"
started=$SECONDS

use_node() {
  local bin
  bin=$(bash "$setup_dir/node.sh") || return 1
  export PATH="$bin:$PATH"
  log "node $(node --version) at $(command -v node)"
}

node_modules() {
  local want have
  want=$(sha256sum "$STREAMSTACK_ROOT/package-lock.json" | cut -c1-16)
  have=$(cat "$STREAMSTACK_ROOT/node_modules/.streamstack-lock" 2>/dev/null || true)
  if [ "$want" = "$have" ]; then
    log "node_modules match package-lock.json"
    return 0
  fi
  (cd "$STREAMSTACK_ROOT" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  echo "$want" > "$STREAMSTACK_ROOT/node_modules/.streamstack-lock"
}

pulumi_engine() {
  local on_path
  on_path=$(command -v pulumi 2>/dev/null || true)
  # The accelerated CLI (STREAMSTACK_ACCELERATED_CLI=true) is the project's own build too.
  [[ "$on_path" == "$STREAMSTACK_CACHE"/pulumi-*-accelerated/* ]] && on_path=""
  # A CLI of the user's own is used as it is. The project's own build (env.sh puts it on PATH)
  # goes through its build script, which returns at once when current and rebuilds the host
  # when its patches changed.
  if [ -n "$on_path" ] && [[ "$on_path" != "$STREAMSTACK_CACHE"/* ]] && [ -z "${STREAMSTACK_BUILD_PULUMI:-}" ]; then
    log "using the pulumi CLI on PATH: $on_path ($(pulumi version))"
    return 0
  fi
  local version
  version=$(npm_pkg_field @pulumi/pulumi version) || { log "@pulumi/pulumi is not installed"; return 1; }
  bash "$setup_dir/build-pulumi-cli.sh" "$version" > "$STREAMSTACK_CACHE/logs/build-pulumi-cli.log" 2>&1 ||
    { tail -20 "$STREAMSTACK_CACHE/logs/build-pulumi-cli.log" >&2; log "see $STREAMSTACK_CACHE/logs/build-pulumi-cli.log"; return 1; }
  tail -1 "$STREAMSTACK_CACHE/logs/build-pulumi-cli.log" >&2
}

# The opt-in accelerated CLI (docs/upstream-proposals.md): for command B, whose accelerator e2e
# runs it, and for whoever opts in with STREAMSTACK_ACCELERATED_CLI=true.
accelerated_pulumi() {
  local version
  version=$(npm_pkg_field @pulumi/pulumi version) || { log "@pulumi/pulumi is not installed"; return 1; }
  bash "$setup_dir/build-pulumi-cli.sh" "$version" --accelerated > "$STREAMSTACK_CACHE/logs/build-pulumi-cli-accelerated.log" 2>&1 ||
    { tail -20 "$STREAMSTACK_CACHE/logs/build-pulumi-cli-accelerated.log" >&2; log "see $STREAMSTACK_CACHE/logs/build-pulumi-cli-accelerated.log"; return 1; }
  tail -1 "$STREAMSTACK_CACHE/logs/build-pulumi-cli-accelerated.log" >&2
}

step "node 22+" use_node
step "npm ci" node_modules
# Type-checks everything and builds the streamstack provider plugin the engine starts from build/.
step "build (tsc)" bash -c 'cd "$0" && npx tsc -p tsconfig.json' "$STREAMSTACK_ROOT"
step "pulumi CLI and nodejs language host" pulumi_engine
if [ -z "${STREAMSTACK_SKIP_KUBERNETES_PLUGIN:-}" ] || [ "${STREAMSTACK_ACCELERATED_CLI:-}" = "true" ]; then
  step "accelerated pulumi CLI (opt-in)" accelerated_pulumi
fi
# resource_plugin NAME: builds and installs a resource plugin with its set-up script, logging to the cache.
resource_plugin() {
  local log_file="$STREAMSTACK_CACHE/logs/build-$1-plugin.log"
  PULUMI_HOME="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}" bash "$setup_dir/build-$1-plugin.sh" > "$log_file" 2>&1 ||
    { tail -20 "$log_file" >&2; log "see $log_file"; return 1; }
  tail -1 "$log_file" >&2
}
k8s_cluster_binaries() {
  local log_file="$STREAMSTACK_CACHE/logs/build-k8s-cluster.log"
  bash "$setup_dir/build-k8s-cluster.sh" > "$log_file" 2>&1 || { tail -20 "$log_file" >&2; log "see $log_file"; return 1; }
  grep -E 'built|already' "$log_file" | sed 's/^\[streamstack [0-9:]*\] /  /' >&2
}
# The Docker target runs on it (the @pulumi/docker SDK's plugin, built from Go modules).
step "docker resource plugin" resource_plugin docker

step "policy analyzer launcher" bash "$setup_dir/policy-analyzer.sh"
step "docker engine" bash "$setup_dir/docker-engine.sh"
step "images" bash "$setup_dir/images.sh"
# The k8s stack's plugin: built here too so promotion never needs a download (cached after).
[ -n "${STREAMSTACK_SKIP_KUBERNETES_PLUGIN:-}" ] || step "kubernetes resource plugin" resource_plugin kubernetes
# Command B starts a real single-node cluster (scripts/k8s-local.sh) from these binaries.
[ -n "${STREAMSTACK_SKIP_KUBERNETES_PLUGIN:-}" ] || step "kubernetes cluster binaries" k8s_cluster_binaries
# Command B lints the PR workflow (.github/workflows) with it; command A does not need it.
[ -n "${STREAMSTACK_SKIP_KUBERNETES_PLUGIN:-}" ] || step "actionlint" bash "$setup_dir/actionlint.sh"
# Command B runs a Pulumi YAML program on the plugin's construct with it; command A does not need it.
[ -n "${STREAMSTACK_SKIP_KUBERNETES_PLUGIN:-}" ] || step "YAML language host" bash "$setup_dir/yaml-host.sh"
# Command B runs a Python program with it (beside the CLI); command A does not need it.
[ -n "${STREAMSTACK_SKIP_KUBERNETES_PLUGIN:-}" ] || step "Python language host" bash "$setup_dir/python-host.sh"
# shellcheck source=../scripts/env.sh
source "$STREAMSTACK_ROOT/scripts/env.sh"
command -v pulumi >/dev/null || die "pulumi is still not on PATH after set-up"
log "set-up complete in $((SECONDS - started))s: $(pulumi version), node $(node --version), docker $(docker version --format '{{.Server.Version}}')"
