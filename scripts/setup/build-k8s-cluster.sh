#!/usr/bin/env bash
# Builds the binaries of the local single-node Kubernetes cluster (scripts/k8s-local) from
# Go modules, into $STREAMSTACK_CACHE/k8s-<version>/bin, in the Go build cache the other
# builds share: kube-apiserver, kube-controller-manager, kube-scheduler, kubelet,
# kube-proxy, kubectl, etcd, coredns, crictl, local-path-provisioner, and the static `pause`
# binary of the sandbox image.
# No registry or GitHub download is involved. Safe to run again: skips what is built.
source "$(dirname "$0")/lib.sh"

k8s="v$KUBERNETES_VERSION"
staging="v0.${KUBERNETES_VERSION#1.}"
out="$(dirname "$(k8s_bin_dir)")"
components=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl etcd coredns crictl local-path-provisioner pause)
missing=()
for c in "${components[@]}"; do [ -x "$out/bin/$c" ] || missing+=("$c"); done
if [ ${#missing[@]} -eq 0 ]; then
  log "kubernetes $k8s cluster binaries already built in $out/bin"
  echo "$out/bin"
  exit 0
fi
mkdir -p "$out/bin"
command -v go >/dev/null || die "go is not on PATH (the cluster is built from Go modules)"

# k8s.io/kubernetes points its k8s.io/* requirements at ./staging with replace lines, which
# `go install` refuses; a wrapper module of ours requires it and replaces each staging module
# with its released v0.x twin (all served). etcd's server module lives in the same wrapper.
wrapper="$STREAMSTACK_CACHE/build/k8s-$KUBERNETES_VERSION-wrapper"
if [ ! -f "$wrapper/go.sum" ]; then
  rm -rf "$wrapper" && mkdir -p "$wrapper/etcd" && cd "$wrapper"
  k8s_dir=$(go_module_dir "k8s.io/kubernetes@$k8s")
  [ -d "$k8s_dir" ] || die "the Go module proxy did not serve k8s.io/kubernetes@$k8s"
  {
    echo "module streamstack.local/k8s-cluster"
    echo
    echo "go 1.24"
    echo
    echo "replace ("
    grep -E '=> \./staging/' "$k8s_dir/go.mod" | awk -v v="$staging" '{ printf "\t%s => %s %s\n", $1, $1, v }'
    echo ")"
  } > go.mod
  cat > etcd/main.go <<'GO'
// etcd, built from its server module's etcdmain (the same code as the release binary).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  cat > tools.go <<'GO'
//go:build tools

// Pins the commands the cluster is built from, so `go mod tidy` keeps their requirements.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-proxy"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "k8s.io/kubernetes/cmd/kubelet"
)
GO
  go get "k8s.io/kubernetes@$k8s" "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" || die "resolving k8s.io/kubernetes $k8s with etcd $ETCD_VERSION failed"
  go mod tidy || die "go mod tidy in the cluster wrapper failed"
fi
cd "$wrapper"

version_pkgs=(k8s.io/component-base/version k8s.io/client-go/pkg/version)
ldflags="-s -w"
minor="${KUBERNETES_VERSION#1.}"; minor="${minor%%.*}"
for p in "${version_pkgs[@]}"; do
  # kubectl and the kubelet refuse a server/version they cannot parse: stamp the real one.
  ldflags+=" -X $p.gitVersion=$k8s -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  ldflags+=" -X $p.gitCommit=streamstack-built -X $p.buildDate=1970-01-01T00:00:00Z"
done
for c in "${missing[@]}"; do
  started=$SECONDS
  case "$c" in
    etcd) pkg=./etcd ;;
    coredns | crictl | local-path-provisioner | pause) continue ;;
    *) pkg="k8s.io/kubernetes/cmd/$c" ;;
  esac
  CGO_ENABLED=0 go build -trimpath -tags providerless -ldflags "$ldflags" -o "$out/bin/$c.partial" "$pkg" || die "building $c failed"
  mv "$out/bin/$c.partial" "$out/bin/$c"
  log "built $c in $((SECONDS - started))s"
done

# go_install NAME MODULE/CMD@VERSION: a tool with its own go.mod, installed as is (go install).
go_install() {
  local name="$1" target="$2" started=$SECONDS
  [ -x "$out/bin/$name" ] && return 0
  rm -rf "$out/$name.partial" && mkdir -p "$out/$name.partial"
  CGO_ENABLED=0 GOBIN="$out/$name.partial" go install -trimpath -ldflags "-s -w" "$target" || die "building $name ($target) failed"
  mv "$out/$name.partial/$name" "$out/bin/$name" && rm -rf "$out/$name.partial"
  log "built $name in $((SECONDS - started))s"
}
# CoreDNS moves about 60 dependencies the cluster shares: it keeps its own module.
go_install coredns "github.com/coredns/coredns@v$COREDNS_VERSION"
go_install crictl "sigs.k8s.io/cri-tools/cmd/crictl@v$CRI_TOOLS_VERSION"
go_install local-path-provisioner "github.com/rancher/local-path-provisioner@v$LOCAL_PATH_PROVISIONER_VERSION"

if [ ! -x "$out/bin/pause" ]; then
  # The sandbox ("pause") image's only binary, from the kubernetes module's own source.
  k8s_dir=$(go list -m -f '{{.Dir}}' k8s.io/kubernetes)
  command -v gcc >/dev/null || die "gcc is needed for the pause binary (apt-get install gcc)"
  gcc -Os -static -Wall -Werror -DVERSION="$k8s-streamstack" -o "$out/bin/pause.partial" "$k8s_dir/build/pause/linux/pause.c" ||
    die "compiling pause.c failed"
  mv "$out/bin/pause.partial" "$out/bin/pause"
fi
log "kubernetes $k8s cluster binaries built in $out/bin"
echo "$out/bin"
