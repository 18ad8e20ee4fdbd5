#!/usr/bin/env bash
# Builds the `kubernetes` resource plugin at the version @pulumi/kubernetes asks for, from
# the provider's Go module, and installs it into $PULUMI_HOME/plugins where the CLI finds it.
# Only the k8s stack needs it.
source "$(dirname "$0")/lib.sh"
mkdir -p "$STREAMSTACK_CACHE/logs"

wanted=$(npm_pkg_field @pulumi/kubernetes pulumi.version) || die "@pulumi/kubernetes is not installed (run npm ci)"
[ "$wanted" = "$KUBERNETES_PROVIDER_VERSION" ] ||
  die "@pulumi/kubernetes asks for plugin $wanted but versions.env builds $KUBERNETES_PROVIDER_VERSION; align them"

plugin_home="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}/plugins/resource-kubernetes-v$wanted"
# Fixes released after the one provider version the module proxy serves, backported as
# patches to its source (each names its upstream change); the cache key carries them.
patches=("$STREAMSTACK_ROOT"/scripts/setup/patches/pulumi-kubernetes-*.patch)
patch_key=$(cat "${patches[@]}" | sha256sum | cut -c1-8)
# Keyed by the pulumi pkg/sdk it is built with too: that version is shared with the CLI and
# the docker plugin, so one Go build cache serves all three.
binary="$STREAMSTACK_CACHE/kubernetes-plugin-$wanted-pulumi-$KUBERNETES_PROVIDER_PULUMI_V3-patches-$patch_key/pulumi-resource-kubernetes"
if [ ! -x "$binary" ]; then
  module=github.com/pulumi/pulumi-kubernetes/provider/v4
  work="$STREAMSTACK_CACHE/build/kubernetes-plugin-$wanted"
  rm -rf "$work" && mkdir -p "$work" && cd "$work"
  dir=$(go_module_dir "$module@$KUBERNETES_PROVIDER_MODULE_VERSION")
  [ -d "$dir" ] || die "the Go module proxy did not serve $module@$KUBERNETES_PROVIDER_MODULE_VERSION"
  # main embeds schema-embed.json, generated from the checked-in schema by generate.go.
  cp "$dir"/cmd/pulumi-resource-kubernetes/* . && chmod -R u+w .
  cp -r "$dir" provider && chmod -R u+w provider
  apply_patches provider "$module@$KUBERNETES_PROVIDER_MODULE_VERSION" "${patches[@]}"
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
  VERSION="$wanted" go run generate.go
  mkdir -p "$(dirname "$binary")"
  CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$wanted" -o "$binary" .
fi
mkdir -p "$plugin_home"
cp "$binary" "$plugin_home/"
rm -f "$plugin_home.partial"
log "kubernetes plugin $wanted installed in $plugin_home"
