#!/usr/bin/env bash
# Builds what another Pulumi program installs, into OUT_DIR (default: $STREAMSTACK_CACHE/package):
#   streamstack-<version>.tgz                              the npm package (npm install <file>)
#   pulumi-resource-streamstack-v<version>-<os>-<arch>.tar.gz  its provider plugin, for
#       pulumi plugin install resource streamstack <version> --file <file>
# The plugin is the package's provider with its production dependencies and a launcher that runs
# it on the `node` first on PATH (Node >= 22). Each is rebuilt only when the package's content
# changed. Prints the two paths.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${STREAMSTACK_CACHE:-$HOME/.cache/streamstack}/package}
mkdir -p "$out"
version=$(node -p 'require(process.argv[1]).version' "$root/package.json")
os=$(uname -s | tr '[:upper:]' '[:lower:]')
case $(uname -m) in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && npm pack --silent --pack-destination "$work" >/dev/null)
package="$out/streamstack-$version.tgz"
plugin="$out/pulumi-resource-streamstack-v$version-$os-$arch.tar.gz"
# npm pack's tarball carries timestamps of its own; the list of file hashes says whether anything changed.
digest=$(tar -xOzf "$work/streamstack-$version.tgz" | sha256sum | cut -c1-16)
if [ "$(cat "$out/.digest-$version" 2>/dev/null || true)" = "$digest" ] && [ -f "$package" ] && [ -f "$plugin" ]; then
  echo "$package"
  echo "$plugin"
  exit 0
fi
mv "$work/streamstack-$version.tgz" "$package"

mkdir "$work/plugin"
# The SDK at the version this repo is tested with (the package accepts any 3.x from 3.260 up).
sdk=$(node -p 'require(process.argv[1]).version' "$root/node_modules/@pulumi/pulumi/package.json")
(cd "$work/plugin" && echo '{"private": true}' > package.json &&
  npm install --omit=dev --no-audit --no-fund --loglevel=error --install-links "$package" "@pulumi/pulumi@$sdk" >&2)
rm "$work/plugin/package.json" "$work/plugin/package-lock.json"
cat > "$work/plugin/pulumi-resource-streamstack" <<'LAUNCHER'
#!/bin/sh
# The streamstack provider plugin: the engine starts it through this launcher, which runs the
# provider of the streamstack npm package installed beside it, on the node first on PATH.
exec node "$(dirname "$0")/node_modules/streamstack/dist/plugins/streamstack/main.js" "$@"
LAUNCHER
chmod +x "$work/plugin/pulumi-resource-streamstack"
tar -czf "$plugin.$$.tmp" -C "$work/plugin" .
mv "$plugin.$$.tmp" "$plugin"
echo "$digest" > "$out/.digest-$version"
echo "$package"
echo "$plugin"
