#!/usr/bin/env bash
# Builds Pulumi's Python language host, as published, beside the CLI set-up builds (the CLI finds
# a language host beside itself or on PATH): command B runs a Python program with it
# (test/e2e/python-program.test.ts); command A does not need it. Its own module
# (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) is refused by the Go module
# proxy, so it is built, like the nodejs host, from the sdk/v3 module that still carries it
# (build_language_host in lib.sh, unpatched). That host runs the `pulumi` Python SDK of the
# program's own virtualenv (on PATH), but predates GeneratePackage, hence
# scripts/package-python.sh.
source "$(dirname "$0")/lib.sh"

# The programs' virtualenvs: Debian's python3 has venv and pip only with python3-venv.
if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  [ "$(id -u)" = 0 ] || die "python3 with venv is needed: 'sudo apt-get install -y python3-venv'"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; } || die "apt-get install python3-venv failed"
fi

pulumi_version=$(npm_pkg_field @pulumi/pulumi version) || die "@pulumi/pulumi is not installed (npm ci first)"
out="$STREAMSTACK_CACHE/pulumi-$pulumi_version-host-$LANGUAGE_HOST_SDK_VERSION/bin"
if [ -x "$out/pulumi-language-python" ] && [ -x "$out/pulumi-language-python-exec" ]; then
  log "the Python language host (sdk/v3 v$LANGUAGE_HOST_SDK_VERSION) already built in $out"
  exit 0
fi
build_language_host python "$out"
log "the Python language host (sdk/v3 v$LANGUAGE_HOST_SDK_VERSION) built in $out"
