#!/usr/bin/env bash
# Builds the Pulumi CLI and the nodejs language host from their Go modules (no binary
# download is reachable here).
#
#   build-pulumi-cli.sh <version>                the CLI as published (pkg/v3 at <version>, no
#                                                patch) into $STREAMSTACK_CACHE/pulumi-<version>-host-<v>/bin
#   build-pulumi-cli.sh <version> --accelerated  the opt-in speed patches (scripts/setup/patches/
#                                                pulumi-cli-*, docs/upstream-proposals.md) on top, as
#                                                version <version>+streamstack.1, into its own
#                                                $STREAMSTACK_CACHE/pulumi-<version>+streamstack.1-accelerated/bin
#                                                (scripts/env.sh uses it only with STREAMSTACK_ACCELERATED_CLI=true)
source "$(dirname "$0")/lib.sh"

version="${1:?usage: build-pulumi-cli.sh <pulumi version> [--accelerated]}"
stock_out="$STREAMSTACK_CACHE/pulumi-$version-host-$LANGUAGE_HOST_SDK_VERSION/bin"
if [ "${2:-}" = "--accelerated" ]; then
  [ -x "$stock_out/pulumi-language-nodejs" ] || die "build the CLI as published first (build-pulumi-cli.sh $version)"
  cli_version="$version+$ACCELERATED_CLI_SUFFIX"
  out="$STREAMSTACK_CACHE/pulumi-$cli_version-accelerated/bin"
  cli_patches=("$STREAMSTACK_ROOT"/scripts/setup/patches/pulumi-cli-*.patch)
else
  cli_version="$version"
  out="$stock_out"
  cli_patches=()
fi
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

# The accelerated CLI's source gets the opt-in patches, and the host's source the project's
# compatibility patches (pulumi-language-nodejs-*, each saying why); a stamp named by their
# digest rebuilds the one whose patches changed.
cli_stamp="$out/.pulumi-cli-patches-$(cat "${cli_patches[@]}" /dev/null | sha256sum | cut -c1-8)"
host_patches=("$STREAMSTACK_ROOT"/scripts/setup/patches/pulumi-language-nodejs-*.patch)
host_stamp="$out/.pulumi-language-nodejs-patches-$(cat "${host_patches[@]}" | sha256sum | cut -c1-8)"

if [ -x "$out/pulumi" ] && [ -f "$cli_stamp" ] && [ -x "$out/pulumi-language-nodejs" ] &&
  { [ "$out" != "$stock_out" ] || [ -f "$host_stamp" ]; } && cmp -s "$stock_out/pulumi-language-nodejs" "$out/pulumi-language-nodejs"; then
  write_dynamic_provider_launcher
  log "pulumi CLI $cli_version already built in $out"
  exit 0
fi

work="$STREAMSTACK_CACHE/build/pulumi-cli-$cli_version"
rm -rf "$work" && mkdir -p "$work" "$out"
cd "$work"

export CGO_ENABLED=0

build_cli() {
  local module=github.com/pulumi/pulumi/pkg/v3 dir
  # pkg/v3's source, patched, in a copy that the wrapper module below replaces it with.
  dir=$(go_module_dir "$module@v$version")
  [ -d "$dir" ] || die "the Go module proxy did not serve $module@v$version"
  cp -r "$dir" pkg && chmod -R u+w pkg
  [ ${#cli_patches[@]} -eq 0 ] || apply_patches pkg "$module@v$version" "${cli_patches[@]}"
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
  go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$cli_version" \
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
  build_language_host nodejs "$out" "${host_patches[@]}"
  rm -f "$out"/.pulumi-language-nodejs-patches-* && touch "$host_stamp"
}

[ -x "$out/pulumi" ] && [ -f "$cli_stamp" ] || build_cli
if [ "$out" = "$stock_out" ]; then
  [ -x "$out/pulumi-language-nodejs" ] && [ -f "$host_stamp" ] || build_host
else
  # The accelerated CLI starts the same host and launchers, found next to it as upstream ships them.
  cp "$stock_out/pulumi-language-nodejs" "$out/"
fi
write_dynamic_provider_launcher
"$out/pulumi" version
