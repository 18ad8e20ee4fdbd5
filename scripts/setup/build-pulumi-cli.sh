#!/usr/bin/env bash
# Builds the Pulumi CLI and the nodejs language host from their Go modules (no binary
# download is reachable here) into $STREAMSTACK_CACHE/pulumi-<version>/bin.
# Usage: build-pulumi-cli.sh <version, e.g. 3.260.0>
source "$(dirname "$0")/lib.sh"

version="${1:?usage: build-pulumi-cli.sh <pulumi version>}"
out="$STREAMSTACK_CACHE/pulumi-$version-host-$LANGUAGE_HOST_SDK_VERSION/bin"
# Dynamic providers (streamstack's Docker and Kafka resources) run through this launcher,
# which Pulumi's own releases ship next to the CLI: it starts the program's @pulumi/pulumi
# dynamic-provider host in the project directory.
write_dynamic_provider_launcher() {
  mkdir -p "$out"
  cat > "$out/pulumi-resource-pulumi-nodejs" <<'LAUNCHER'
#!/bin/sh
exec node ./node_modules/@pulumi/pulumi/cmd/dynamic-provider "$@"
LAUNCHER
  chmod 0755 "$out/pulumi-resource-pulumi-nodejs"
}

# The CLI's and the host's sources get the project's patches (scripts/setup/patches/pulumi-cli-*
# and pulumi-language-nodejs-*, each saying why); a stamp named by their digest rebuilds the
# one whose patches changed.
cli_patches=("$STREAMSTACK_ROOT"/scripts/setup/patches/pulumi-cli-*.patch)
cli_stamp="$out/.pulumi-cli-patches-$(cat "${cli_patches[@]}" | sha256sum | cut -c1-8)"
host_patches=("$STREAMSTACK_ROOT"/scripts/setup/patches/pulumi-language-nodejs-*.patch)
host_stamp="$out/.pulumi-language-nodejs-patches-$(cat "${host_patches[@]}" | sha256sum | cut -c1-8)"

if [ -x "$out/pulumi" ] && [ -f "$cli_stamp" ] && [ -x "$out/pulumi-language-nodejs" ] && [ -f "$host_stamp" ]; then
  write_dynamic_provider_launcher
  log "pulumi CLI $version already built in $out"
  exit 0
fi

work="$STREAMSTACK_CACHE/build/pulumi-cli-$version"
rm -rf "$work" && mkdir -p "$work" "$out"
cd "$work"

export CGO_ENABLED=0

build_cli() {
  local module=github.com/pulumi/pulumi/pkg/v3 dir
  # pkg/v3's source, patched, in a copy that the wrapper module below replaces it with.
  dir=$(go_module_dir "$module@v$version")
  [ -d "$dir" ] || die "the Go module proxy did not serve $module@v$version"
  cp -r "$dir" pkg && chmod -R u+w pkg
  apply_patches pkg "$module@v$version" "${cli_patches[@]}"
  # A wrapper module: pkg/v3's own go.mod uses replace lines (so `go install pkg@v` refuses);
  # repeating its non-local replace here and requiring sdk/v3 at the same tag is equivalent.
  mkdir -p cli && cd cli
  cat > go.mod <<GOMOD
module streamstack.local/pulumi-cli

go 1.24

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
  go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version"
  go mod edit -replace "$module=../pkg"
  go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
    -o "$out/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  rm -f "$out"/.pulumi-cli-patches-* && touch "$cli_stamp"
  cd ..
}

# The nodejs language host became a module of its own (sdk/nodejs/cmd/pulumi-language-nodejs/v3)
# that the Go module proxy does not serve. Before that split it lived inside sdk/v3, whose
# zips the proxy serves; LANGUAGE_HOST_SDK_VERSION is the newest such sdk/v3 tag here. The
# host speaks the stable LanguageRuntime gRPC protocol and launches the installed
# @pulumi/pulumi's own `cmd/run`, so the program still runs on the current Node SDK.
build_host() {
  local module=github.com/pulumi/pulumi/sdk/v3 dir
  mkdir -p host && cd host
  dir=$(go_module_dir "$module@v$LANGUAGE_HOST_SDK_VERSION")
  [ -d "$dir" ] || die "the Go module proxy did not serve $module@v$LANGUAGE_HOST_SDK_VERSION"
  # The host's package, patched, built inside a copy of its module (its imports stay sdk/v3's).
  cp -r "$dir" sdk && chmod -R u+w sdk
  apply_patches sdk "$module@v$LANGUAGE_HOST_SDK_VERSION" "${host_patches[@]}"
  (cd sdk && go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$LANGUAGE_HOST_SDK_VERSION" \
    -o "$out/pulumi-language-nodejs" ./nodejs/cmd/pulumi-language-nodejs)
  rm -f "$out"/.pulumi-language-nodejs-patches-* && touch "$host_stamp"
  cd ..
}

[ -x "$out/pulumi" ] && [ -f "$cli_stamp" ] || build_cli
[ -x "$out/pulumi-language-nodejs" ] && [ -f "$host_stamp" ] || build_host

write_dynamic_provider_launcher
"$out/pulumi" version
