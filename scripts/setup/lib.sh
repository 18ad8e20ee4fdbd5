#!/usr/bin/env bash
# Shared helpers for the set-up scripts: a cache outside the clone, timed steps, clear failures.
set -euo pipefail

STREAMSTACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STREAMSTACK_CACHE="${STREAMSTACK_CACHE:-$HOME/.cache/streamstack}"
mkdir -p "$STREAMSTACK_CACHE"
# shellcheck source=../../versions.env
source "$STREAMSTACK_ROOT/versions.env"

log() { printf '[streamstack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

die() {
  log "FAILED: $*"
  exit 1
}

# step NAME CMD...: runs CMD, prints how long it took, and names the step if it fails.
step() {
  local name="$1"; shift
  local started=$SECONDS
  log "step '$name' ..."
  if ! "$@"; then
    log "step '$name' FAILED after $((SECONDS - started))s (see the messages above)"
    return 1
  fi
  log "step '$name' done in $((SECONDS - started))s"
}

# The directory of a Go module version (module@version) in the module cache, downloaded if
# needed; empty when the proxy does not serve it.
go_module_dir() {
  go mod download -json "$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).Dir||"")}catch{console.log("")}})'
}

# apply_patches DIR WHAT PATCH...: applies the project's patches to a copy of a module's source
# in DIR; WHAT (module@version) names it when one does not apply.
apply_patches() {
  local dir=$1 what=$2 patch_file
  shift 2
  for patch_file in "$@"; do
    (cd "$dir" && patch -p1 --forward --quiet < "$patch_file") || die "patch $(basename "$patch_file") does not apply to $what"
  done
}

# npm_pkg_field PKG FIELD: reads a field of an installed npm package's package.json.
npm_pkg_field() {
  node -e 'const p=require(process.argv[1]+"/package.json");const v=process.argv[2].split(".").reduce((o,k)=>o&&o[k],p);if(v===undefined)process.exit(1);console.log(v)' \
    "$STREAMSTACK_ROOT/node_modules/$1" "$2"
}

# Where the local cluster's binaries are built (scripts/setup/build-k8s-cluster.sh), keyed
# by every version that goes into them.
k8s_bin_dir() {
  local key
  key=$(printf '%s ' "$ETCD_VERSION" "$COREDNS_VERSION" "$CRI_TOOLS_VERSION" "$LOCAL_PATH_PROVISIONER_VERSION" | sha256sum | cut -c1-12)
  echo "$STREAMSTACK_CACHE/k8s-$KUBERNETES_VERSION-$key/bin"
}

# go_tool_install NAME PACKAGE@VERSION OUT [LDFLAGS]: builds a Go command as published into OUT
# (through OUT.partial, so an interrupted build never looks finished), once; the build cache is
# the one every Go build here shares.
go_tool_install() {
  local name=$1 package=$2 out=$3 ldflags="-s -w ${4:-}"
  if [ -d "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
    log "$name already built in $out"
    return 0
  fi
  rm -rf "$out.partial" && mkdir -p "$out.partial"
  CGO_ENABLED=0 GOBIN="$out.partial" go install -trimpath -ldflags "$ldflags" "$package" || die "building $name failed"
  rm -rf "$out" && mv "$out.partial" "$out"
  log "$name built in $out"
}

# build_language_host LANGUAGE OUT [PATCH...]: builds Pulumi's LANGUAGE (nodejs, python) language
# host into OUT/pulumi-language-LANGUAGE, from the sdk/v3 module that still carries it
# (LANGUAGE_HOST_SDK_VERSION; the hosts' own modules are refused by the proxy), with PATCHes
# applied. It is built inside a copy of that module: `go install` refuses a module whose go.mod
# has replace directives, and the host's imports stay sdk/v3's.
build_language_host() {
  local language=$1 out=$2 module=github.com/pulumi/pulumi/sdk/v3 dir work
  shift 2
  dir=$(go_module_dir "$module@v$LANGUAGE_HOST_SDK_VERSION")
  [ -d "$dir" ] || die "the Go module proxy did not serve $module@v$LANGUAGE_HOST_SDK_VERSION"
  work="$STREAMSTACK_CACHE/build/language-host-$language-$LANGUAGE_HOST_SDK_VERSION"
  rm -rf "$work" && mkdir -p "$(dirname "$work")" "$out"
  cp -r "$dir" "$work" && chmod -R u+w "$work"
  apply_patches "$work" "$module@v$LANGUAGE_HOST_SDK_VERSION" "$@"
  (cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$LANGUAGE_HOST_SDK_VERSION" \
    -o "$out/pulumi-language-$language.partial" "./$language/cmd/pulumi-language-$language") || die "building the $language language host failed"
  mv "$out/pulumi-language-$language.partial" "$out/pulumi-language-$language"
  # The Python host runs programs through this script, shipped beside it.
  if [ -f "$work/$language/cmd/pulumi-language-$language-exec" ]; then
    install -m 0755 "$work/$language/cmd/pulumi-language-$language-exec" "$out/"
  fi
  rm -rf "$work"
}
