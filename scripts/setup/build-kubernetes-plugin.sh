#!/usr/bin/env bash
# Builds the `kubernetes` resource plugin that @pulumi/kubernetes asks for from the provider's
# Go module at that release's commit, with no change to its source. Some of the module's
# requirements are not served here and are built at served versions of the same line
# (versions.env), so the binary is not the published one: it reports a version of its own,
# <version>+streamstack.N, and is installed under that name in $PULUMI_HOME/plugins, never over
# an official resource-kubernetes-v<version> (the engine matches it to the SDK's request: semver
# ignores build metadata). An official plugin of that version, installed, is used instead.
# Only the k8s stack needs it.
source "$(dirname "$0")/lib.sh"
mkdir -p "$STREAMSTACK_CACHE/logs"

wanted=$(npm_pkg_field @pulumi/kubernetes pulumi.version) || die "@pulumi/kubernetes is not installed (run npm ci)"
[ "$wanted" = "$KUBERNETES_PROVIDER_VERSION" ] ||
  die "@pulumi/kubernetes asks for plugin $wanted but versions.env builds $KUBERNETES_PROVIDER_VERSION; align them"

own_version="$wanted+streamstack.1"
plugins="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}/plugins"
official="$plugins/resource-kubernetes-v$wanted"
plugin_home="$plugins/resource-kubernetes-v$own_version"
# Earlier set-ups installed a build of this project (with a backported patch) under the
# official name: take it out (it is one of the builds cached here).
if [ -x "$official/pulumi-resource-kubernetes" ]; then
  installed=$(sha256sum < "$official/pulumi-resource-kubernetes")
  for earlier in "$STREAMSTACK_CACHE"/kubernetes-plugin-*/pulumi-resource-kubernetes; do
    if [ -x "$earlier" ] && [ "$(sha256sum < "$earlier")" = "$installed" ]; then
      rm -rf "$official" "$official.lock"
      log "removed this project's earlier build from $official (it carried the official name)"
      break
    fi
  done
fi
if [ -x "$official/pulumi-resource-kubernetes" ]; then
  rm -rf "$plugins/resource-kubernetes-v$wanted+streamstack."*
  log "using the official kubernetes plugin $wanted installed in $official"
  exit 0
fi
# Keyed by the pulumi pkg/sdk it is built with too: that version is shared with the CLI and
# the docker plugin, so one Go build cache serves all three.
binary="$STREAMSTACK_CACHE/kubernetes-plugin-$own_version-pulumi-$KUBERNETES_PROVIDER_PULUMI_V3/pulumi-resource-kubernetes"
if [ ! -x "$binary" ]; then
  module=github.com/pulumi/pulumi-kubernetes/provider/v4
  work="$STREAMSTACK_CACHE/build/kubernetes-plugin-$wanted"
  rm -rf "$work" && mkdir -p "$work" && cd "$work"
  dir=$(go_module_dir "$module@$KUBERNETES_PROVIDER_MODULE_VERSION")
  [ -d "$dir" ] || die "the Go module proxy did not serve $module@$KUBERNETES_PROVIDER_MODULE_VERSION"
  # main embeds schema-embed.json, generated from the checked-in schema by generate.go.
  cp "$dir"/cmd/pulumi-resource-kubernetes/* . && chmod -R u+w .
  cp -r "$dir" provider && chmod -R u+w provider
  cat > go.mod <<GOMOD
module streamstack.local/pulumi-resource-kubernetes

go 1.24

replace (
	github.com/pulumi/pulumi-kubernetes/provider/v4 => ./provider
	github.com/pulumi/pulumi-kubernetes/sdk/v4 => github.com/pulumi/pulumi-kubernetes/sdk/v4 $KUBERNETES_PROVIDER_SDK_V4
	github.com/pulumi/pulumi/pkg/v3 => github.com/pulumi/pulumi/pkg/v3 $KUBERNETES_PROVIDER_PULUMI_V3
	github.com/pulumi/pulumi/sdk/v3 => github.com/pulumi/pulumi/sdk/v3 $KUBERNETES_PROVIDER_PULUMI_V3
	github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
)
GOMOD
  go get "$module@$KUBERNETES_PROVIDER_MODULE_VERSION" "github.com/pulumi/pulumi/pkg/v3@$KUBERNETES_PROVIDER_PULUMI_V3"
  go mod tidy
  VERSION="$own_version" go run generate.go
  mkdir -p "$(dirname "$binary")"
  CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$own_version" -o "$binary" .
fi
mkdir -p "$plugin_home"
# Under a name of its own, then renamed: a plugin process still running from the copy there
# (a stack left up, an interrupted test) makes a copy over it fail with "Text file busy".
if ! cmp -s "$binary" "$plugin_home/pulumi-resource-kubernetes"; then
  cp "$binary" "$plugin_home/pulumi-resource-kubernetes.$$.tmp"
  mv -f "$plugin_home/pulumi-resource-kubernetes.$$.tmp" "$plugin_home/pulumi-resource-kubernetes"
fi
rm -f "$plugin_home.partial"
log "kubernetes plugin $own_version installed in $plugin_home"
