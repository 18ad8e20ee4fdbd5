#!/usr/bin/env bash
# Builds the `docker` resource plugin that @pulumi/docker asks for. No docker plugin binary can
# be downloaded here, so it is compiled from Go modules: terraform-provider-docker served through
# pulumi-terraform-bridge with upstream's mapping (plugins/docker), together with the package
# schema the plugin answers GetSchema with.
#
# It behaves as upstream's, but it is not the published binary (a newer terraform-provider-docker
# commit of the same line, no native docker.Image resource), so it carries a version of its own,
# <sdk version>+streamstack.N, and is installed under that name
# (PULUMI_HOME/plugins/resource-docker-v5.2.0+streamstack.2), never over the official one. The
# engine takes it for the SDK's request because semver ignores build metadata when it compares
# (5.2.0+streamstack.2 == 5.2.0); `pulumi plugin ls` shows which one it is. When the official
# plugin of that version is installed (`pulumi plugin install resource docker 5.2.0`), set-up
# uses it: nothing is built and this project's build is taken out.
source "$(dirname "$0")/lib.sh"

wanted=$(npm_pkg_field @pulumi/docker pulumi.version) || die "@pulumi/docker is not installed (run npm ci)"
# Bump the suffix whenever plugins/docker changes what the plugin does (.2: upstream's behaviour
# throughout; .1 carried a fix for hashicorp/terraform-provider-docker#211).
own_version="$wanted+streamstack.2"
src="$STREAMSTACK_ROOT/plugins/docker"
pulumi_home="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}"
official="$pulumi_home/plugins/resource-docker-v$wanted"
# Earlier set-ups installed a build of this project under the official name; take it out.
if [ -f "$official/schema.json" ] && grep -q "bridged by streamstack" "$official/schema.json"; then
  rm -rf "$official" "$official.lock"
  log "removed this project's earlier build from $official (it carried the official name)"
fi
own_home="$pulumi_home/plugins/resource-docker-v$own_version"
if [ -x "$official/pulumi-resource-docker" ]; then
  rm -rf "$pulumi_home/plugins/resource-docker-v$wanted+streamstack."*
  log "using the official docker plugin $wanted installed in $official"
  exit 0
fi
# Keyed by the plugin version and the mapping's source, so an edit to plugins/docker rebuilds.
src_hash=$(cd "$src" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-12)
built="$STREAMSTACK_CACHE/docker-plugin-$own_version-$src_hash"
if [ ! -x "$built/pulumi-resource-docker" ] || [ ! -s "$built/schema.json" ]; then
  rm -rf "$built.partial" && mkdir -p "$built.partial"
  # no_compose leaves out the upstream docker_compose resource (the SDK has no such type);
  # main.version is the plugin's own version (an empty one makes the bridge panic).
  work="$STREAMSTACK_CACHE/build/docker-plugin-$wanted"
  rm -rf "$work" && mkdir -p "$work" && cp "$src"/go.mod "$src"/go.sum "$src"/*.go "$work/"
  # Two links of the same packages: one with the schema generator (emit_schema), run once here
  # to write schema.json, and the plugin the engine starts, without it (~400 fewer packages to
  # initialize at every start).
  build_plugin() { # build_plugin TAGS OUTPUT
    (cd "$work" && CGO_ENABLED=0 GOTOOLCHAIN=local go build -tags "$1" -trimpath \
      -ldflags "-s -w -X main.version=$own_version" -o "$2" .)
  }
  build_plugin no_compose,emit_schema "$work/emit-schema" || die "building the docker plugin's schema generator from plugins/docker failed"
  "$work/emit-schema" --emit-schema "$built.partial/schema.json" || die "the docker plugin could not generate its schema"
  build_plugin no_compose "$built.partial/pulumi-resource-docker" || die "building the docker plugin from plugins/docker failed"
  rm -rf "$work"
  rm -rf "$built" && mv "$built.partial" "$built"
  # Builds of earlier mappings are about 90 MB each and never used again.
  find "$STREAMSTACK_CACHE" -maxdepth 1 -name 'docker-plugin-*' ! -name "$(basename "$built")" -exec rm -rf {} +
fi
# Earlier builds of this project (another suffix) would be EQ to the SDK's request too, and the
# engine takes the last of those by name: only this one may stay.
mkdir -p "$pulumi_home/plugins"
find "$pulumi_home/plugins" -maxdepth 1 -name "resource-docker-v$wanted+streamstack.*" ! -name "$(basename "$own_home")*" -exec rm -rf {} +
rm -rf "$own_home" && mkdir -p "$own_home"
cp "$built/pulumi-resource-docker" "$built/schema.json" "$own_home/"
log "docker plugin $own_version installed in $own_home"
