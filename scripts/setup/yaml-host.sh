#!/usr/bin/env bash
# Builds Pulumi YAML's language host (github.com/pulumi/pulumi-yaml, as published, with its own
# version stamped as upstream's Makefile does) from its Go module into the folder where the CLI
# finds language plugins, $PULUMI_HOME/plugins/language-yaml-v<version>/. Command B runs a YAML
# program with it (test/e2e/yaml-program.test.ts); command A does not need it.
source "$(dirname "$0")/lib.sh"
source "$STREAMSTACK_ROOT/versions.env"

go_tool_install "the YAML language host $PULUMI_YAML_VERSION" "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION" \
  "${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}/plugins/language-yaml-v$PULUMI_YAML_VERSION" \
  "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION"
