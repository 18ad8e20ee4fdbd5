#!/usr/bin/env bash
# Builds Pulumi's Python language host, as published, beside the CLI set-up builds (the CLI finds
# a language host beside itself or on PATH): command B runs a Python program with it
# (test/e2e/python-program.test.ts); command A does not need it. Its own module
# (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) is refused by the Go module
# proxy, so it is built, like the nodejs host, from the sdk/v3 module that still carries it
# (LANGUAGE_HOST_SDK_VERSION), in a copy of that module: `go install` refuses a module whose
# go.mod has replace directives. That host runs the `pulumi` Python SDK of the program's own
# virtualenv (on PATH), but predates GeneratePackage, hence scripts/package-python.sh.
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
sdk=$(go_module_dir "github.com/pulumi/pulumi/sdk/v3@v$LANGUAGE_HOST_SDK_VERSION")
[ -n "$sdk" ] || die "the Go module proxy does not serve github.com/pulumi/pulumi/sdk/v3@v$LANGUAGE_HOST_SDK_VERSION"
work="$STREAMSTACK_CACHE/build/python-host-$LANGUAGE_HOST_SDK_VERSION"
rm -rf "$work" && mkdir -p "$(dirname "$work")" "$out"
cp -r "$sdk" "$work" && chmod -R u+w "$work"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$LANGUAGE_HOST_SDK_VERSION" \
  -o "$out/pulumi-language-python.partial" ./python/cmd/pulumi-language-python) || die "building the Python language host failed"
cp "$work/python/cmd/pulumi-language-python-exec" "$out/pulumi-language-python-exec"
chmod 0755 "$out/pulumi-language-python-exec"
mv "$out/pulumi-language-python.partial" "$out/pulumi-language-python"
rm -rf "$work"
log "the Python language host (sdk/v3 v$LANGUAGE_HOST_SDK_VERSION) built in $out"
