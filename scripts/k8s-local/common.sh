#!/usr/bin/env bash
# What every part of scripts/k8s-local shares: where the cluster lives, its addresses, and
# how its processes are started and found. Sourced, never run.
source "$(dirname "${BASH_SOURCE[0]}")/../setup/lib.sh"

# Everything the cluster writes (certificates, kubeconfigs, etcd data, containerd's store,
# the kubelet's root, volumes, logs) lives here; git ignores it. Only one cluster per machine.
K8S_DIR="${STREAMSTACK_K8S_DIR:-$STREAMSTACK_ROOT/.k8s-local}"
K8S_BIN="$(k8s_bin_dir)"
NODE_NAME=streamstack-node
# The node's address: a /32 on the loopback interface, so the API server, the kubelet and the
# NodePorts are reachable from this host and its pods but never from the machine's network.
NODE_IP="${STREAMSTACK_K8S_NODE_IP:-10.87.0.1}"
API_PORT=6443
SERVICE_CIDR=10.96.0.0/16
API_SERVICE_IP=10.96.0.1
DNS_SERVICE_IP=10.96.0.10
CLUSTER_CIDR=10.244.0.0/16
POD_CIDR=10.244.0.0/24
CNI_BRIDGE=ssk8s0
ETCD_CLIENT_PORT=12379
ETCD_PEER_PORT=12380
CONTAINERD_SOCK="$K8S_DIR/containerd/containerd.sock"
ADMIN_KUBECONFIG="$K8S_DIR/kubeconfig/admin.conf"
# Images of the cluster's own pieces, built here (no registry answers).
PAUSE_IMAGE="streamstack.local/pause:$KUBERNETES_VERSION"
COREDNS_IMAGE="streamstack.local/coredns:$COREDNS_VERSION"
LOCAL_PATH_IMAGE="streamstack.local/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION"
# Bump the tag when an image's recipe (images.sh) changes: a present tag is never rebuilt.
HELPER_IMAGE="streamstack.local/busybox:1.35-2"
# Host paths the kubelet, the CNI plugins and containerd write outside K8S_DIR; stop removes
# those that start created.
HOST_PATHS=(/var/lib/cni /var/log/containers /var/log/pods /var/run/netns /etc/cni /opt/cni /var/lib/kubelet)
# Sysctls the kubelet, kube-proxy and pod networking change; stop restores the saved values.
SYSCTLS=(net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.ipv4.conf.all.route_localnet
  kernel.panic kernel.panic_on_oops vm.overcommit_memory fs.inotify.max_user_instances)
# In start order; stop goes the other way.
PROCESSES=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy)

kubectl_admin() { "$K8S_BIN/kubectl" --kubeconfig "$ADMIN_KUBECONFIG" "$@"; }
ctr_k8s() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }
crictl_local() { "$K8S_BIN/crictl" --runtime-endpoint "unix://$CONTAINERD_SOCK" --image-endpoint "unix://$CONTAINERD_SOCK" "$@"; }

pid_of() {
  local pid
  pid=$(cat "$K8S_DIR/run/$1.pid" 2>/dev/null) || return 1
  # A recycled pid must not pass for ours: the process has to be the binary we started.
  [ -n "$pid" ] && [ "$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)")" = "$1" ] && echo "$pid"
}

# launch NAME CMD...: starts CMD detached (own session), logging to $K8S_DIR/logs/NAME.log.
launch() {
  local name="$1"; shift
  if pid_of "$name" >/dev/null; then return 0; fi
  mkdir -p "$K8S_DIR/logs" "$K8S_DIR/run"
  setsid "$@" >>"$K8S_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$K8S_DIR/run/$name.pid"
}

# wait_for WHAT SECONDS CMD...: polls CMD every half second; says what it waited for on timeout.
wait_for() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      log "gave up after ${seconds}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}
