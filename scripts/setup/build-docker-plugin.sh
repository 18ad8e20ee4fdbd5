#!/usr/bin/env bash
# Builds the `docker` resource plugin at the version @pulumi/docker asks for and installs it
# into $PULUMI_HOME/plugins where the CLI finds it. No docker plugin binary can be downloaded
# here, so it is compiled from Go modules: terraform-provider-docker served through
# pulumi-terraform-bridge (plugins/docker: the token and property mapping), together with the
# package schema the plugin answers GetSchema with.
source "$(dirname "$0")/lib.sh"

wanted=$(npm_pkg_field @pulumi/docker pulumi.version) || die "@pulumi/docker is not installed (run npm ci)"
src="$STREAMSTACK_ROOT/plugins/docker"
# Keyed by the plugin version and the mapping's source, so an edit to plugins/docker rebuilds.
# The bridge's source gets the project's patches (scripts/setup/patches/pulumi-terraform-bridge-*,
# each saying why); they are part of the key too.
bridge_patches=("$STREAMSTACK_ROOT"/scripts/setup/patches/pulumi-terraform-bridge-*.patch)
src_hash=$(cd "$src" && cat go.mod go.sum ./*.go "${bridge_patches[@]}" | sha256sum | cut -c1-12)
built="$STREAMSTACK_CACHE/docker-plugin-$wanted-$src_hash"
plugin_home="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}/plugins/resource-docker-v$wanted"

if [ ! -x "$built/pulumi-resource-docker" ] || [ ! -s "$built/schema.json" ]; then
  rm -rf "$built.partial" && mkdir -p "$built.partial"
  # no_compose leaves out the upstream docker_compose resource (the SDK has no such type);
  # main.version is the version the engine asks for (an empty one makes the bridge panic).
  # Built from a copy of plugins/docker whose go.mod points the bridge at a patched copy.
  work="$STREAMSTACK_CACHE/build/docker-plugin-$wanted"
  rm -rf "$work" && mkdir -p "$work" && cp "$src"/go.mod "$src"/go.sum "$src"/*.go "$work/"
  bridge=github.com/pulumi/pulumi-terraform-bridge/v3
  bridge_version=$(cd "$work" && GOTOOLCHAIN=local go list -m -f '{{.Version}}' "$bridge") ||
    die "plugins/docker/go.mod does not name $bridge"
  bridge_dir=$(GOTOOLCHAIN=local go_module_dir "$bridge@$bridge_version")
  [ -d "$bridge_dir" ] || die "the Go module proxy did not serve $bridge@$bridge_version"
  cp -r "$bridge_dir" "$work/bridge" && chmod -R u+w "$work/bridge"
  apply_patches "$work/bridge" "$bridge@$bridge_version" "${bridge_patches[@]}"
  # Two links of the same packages: one with the schema generator (emit_schema), run once here
  # to write schema.json, and the plugin the engine starts, without it (~400 fewer packages to
  # initialize at every start).
  build_plugin() { # build_plugin TAGS OUTPUT
    (cd "$work" && CGO_ENABLED=0 GOTOOLCHAIN=local go build -tags "$1" -trimpath \
      -ldflags "-s -w -X main.version=$wanted" -o "$2" .)
  }
  (cd "$work" && go mod edit -replace "$bridge=./bridge") || die "plugins/docker/go.mod could not be pointed at the patched bridge"
  build_plugin no_compose,emit_schema "$work/emit-schema" || die "building the docker plugin's schema generator from plugins/docker failed"
  "$work/emit-schema" --emit-schema "$built.partial/schema.json" || die "the docker plugin could not generate its schema"
  build_plugin no_compose "$built.partial/pulumi-resource-docker" || die "building the docker plugin from plugins/docker failed"
  rm -rf "$work"
  rm -rf "$built" && mv "$built.partial" "$built"
  # Builds of earlier mappings are about 90 MB each and never used again.
  find "$STREAMSTACK_CACHE" -maxdepth 1 -name 'docker-plugin-*' ! -name "$(basename "$built")" -exec rm -rf {} +
fi
rm -rf "$plugin_home" "$plugin_home.partial" && mkdir -p "$plugin_home"
cp "$built/pulumi-resource-docker" "$built/schema.json" "$plugin_home/"
log "docker plugin $wanted installed in $plugin_home"
