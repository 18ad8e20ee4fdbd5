#!/usr/bin/env bash
# Writes the streamstack Python SDK, the `pulumi_streamstack` package (`pip install <dir>`), into
# OUT_DIR/python (default: $STREAMSTACK_CACHE/package/python), next to what scripts/package.sh
# writes (run first: the SDK is generated from the plugin it packs, and carries its version).
# The generator is pkg/v3/codegen/python, the one `pulumi package gen-sdk --language python` runs
# through a Python language host that serves GeneratePackage; the host buildable here predates
# that call, so scripts/python-sdk-gen runs it (built with Go on first use, cached by its source).
# Prints the SDK's folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${STREAMSTACK_CACHE:-$HOME/.cache/streamstack}
out=${1:-$cache/package}
plugin=$(bash "$root/scripts/package.sh" "$out" | tail -1)

generator_source="$root/scripts/python-sdk-gen"
generator="$cache/python-sdk-gen-$(cat "$generator_source"/go.mod "$generator_source"/go.sum "$generator_source"/*.go | sha256sum | cut -c1-12)/python-sdk-gen"
if [ ! -x "$generator" ]; then
  command -v go >/dev/null || { echo "package-python.sh: Go is needed to build scripts/python-sdk-gen once" >&2; exit 1; }
  mkdir -p "$(dirname "$generator")"
  (cd "$generator_source" && CGO_ENABLED=0 go build -trimpath -o "$generator.partial" .)
  mv "$generator.partial" "$generator"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$plugin" -C "$work"
pulumi package get-schema "$work/pulumi-resource-streamstack" > "$work/schema.json"
"$generator" "$work/schema.json" "$work/python"
rm -rf "$out/python"
mv "$work/python" "$out/python"
echo "$out/python"
