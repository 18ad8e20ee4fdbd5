#!/usr/bin/env bash
# Builds Pulumi YAML's language host (github.com/pulumi/pulumi-yaml, as published: no change)
# from its Go module and installs it where the CLI finds language plugins,
# $PULUMI_HOME/plugins/language-yaml-v<version>/. Command B runs a YAML program with it
# (test/e2e/yaml-program.test.ts); command A does not need it.
source "$(dirname "$0")/lib.sh"
source "$STREAMSTACK_ROOT/versions.env"

home="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}"
out="$home/plugins/language-yaml-v$PULUMI_YAML_VERSION"
if [ -x "$out/pulumi-language-yaml" ]; then
  log "the YAML language host $PULUMI_YAML_VERSION is already in $out"
  exit 0
fi
rm -rf "$out.partial" && mkdir -p "$out.partial"
CGO_ENABLED=0 GOBIN="$out.partial" go install -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION" \
  "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION" || die "building the YAML language host $PULUMI_YAML_VERSION failed"
rm -rf "$out" && mv "$out.partial" "$out"
log "the YAML language host $PULUMI_YAML_VERSION built into $out"
