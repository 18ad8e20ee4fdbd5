#!/usr/bin/env bash
# A real single-node Kubernetes cluster on this machine, built from Go modules and Debian
# packages (no registry, no kind node image): etcd, kube-apiserver, controller-manager,
# scheduler, a private containerd, kubelet, kube-proxy, CoreDNS and a ReadWriteMany storage
# class. The k8s stack promotes the platform onto it.
#
#   bash scripts/k8s-local.sh start            build (cached) and start; prints readiness
#   bash scripts/k8s-local.sh stop             stop; no process, mount, link or chain of ours left
#   bash scripts/k8s-local.sh status           what runs and whether the node is Ready
#   bash scripts/k8s-local.sh load-images REF… copy Docker images into the cluster's containerd
#   bash scripts/k8s-local.sh reset            stop and delete all cluster data
#   bash scripts/k8s-local.sh kubectl ARGS…    the cluster's own kubectl, as its admin
#   bash scripts/k8s-local.sh sigkill NS POD   SIGKILL the pod's running processes, as a crash
#                                              would (the kubelet restarts them; for drills)
#
# Kubeconfig: .k8s-local/kubeconfig/admin.conf (context streamstack-local). Needs root.
here="$(dirname "$0")/k8s-local"
source "$here/common.sh"
source "$here/pki.sh"
source "$here/node-config.sh"
source "$here/images.sh"
source "$here/host.sh"

require_root() { [ "$(id -u)" = 0 ] || die "the cluster runs a kubelet and a containerd: run as root"; }

debian_packages() {
  local missing=()
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  [ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/firewall ] || missing+=(containernetworking-plugins)
  command -v conntrack >/dev/null || missing+=(conntrack)
  command -v socat >/dev/null || missing+=(socat)
  command -v iptables >/dev/null || missing+=(iptables)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing from Debian: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
    die "apt-get install ${missing[*]} failed"
}

api_ready() {
  curl -sf --max-time 2 --cacert "$K8S_DIR/pki/ca.crt" --cert "$K8S_DIR/pki/admin.crt" --key "$K8S_DIR/pki/admin.key" \
    "https://$NODE_IP:$API_PORT/readyz" | grep -qx ok
}

start_control_plane() {
  launch etcd "$K8S_BIN/etcd" --name "$NODE_NAME" --data-dir "$K8S_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "$NODE_NAME=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls "" \
    --quota-backend-bytes 2147483648
  wait_for "etcd to answer on 127.0.0.1:$ETCD_CLIENT_PORT" 60 curl -sf --max-time 2 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" ||
    die "etcd did not start (log: $K8S_DIR/logs/etcd.log)"
  local pki="$K8S_DIR/pki"
  launch kube-apiserver "$K8S_BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port "$API_PORT" \
    --service-cluster-ip-range "$SERVICE_CIDR" --client-ca-file "$pki/ca.crt" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --allow-privileged=false --profiling=false --service-node-port-range 30000-32767
  wait_for "the API server's /readyz on https://$NODE_IP:$API_PORT" 180 api_ready ||
    die "the API server did not become ready (log: $K8S_DIR/logs/kube-apiserver.log)"
  launch kube-controller-manager "$K8S_BIN/kube-controller-manager" \
    --kubeconfig "$K8S_DIR/kubeconfig/controller-manager.conf" \
    --authentication-kubeconfig "$K8S_DIR/kubeconfig/controller-manager.conf" \
    --authorization-kubeconfig "$K8S_DIR/kubeconfig/controller-manager.conf" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --cluster-cidr "$CLUSTER_CIDR" --allocate-node-cidrs=false \
    --profiling=false
  launch kube-scheduler "$K8S_BIN/kube-scheduler" --kubeconfig "$K8S_DIR/kubeconfig/scheduler.conf" \
    --authentication-kubeconfig "$K8S_DIR/kubeconfig/scheduler.conf" \
    --authorization-kubeconfig "$K8S_DIR/kubeconfig/scheduler.conf" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false
}

start_node() {
  write_containerd_config
  write_kubelet_config
  launch containerd containerd --config "$K8S_DIR/containerd/config.toml"
  wait_for "the cluster's containerd on $CONTAINERD_SOCK" 60 ctr --address "$CONTAINERD_SOCK" version ||
    die "containerd did not start (log: $K8S_DIR/logs/containerd.log)"
  cluster_images
  launch kubelet "$K8S_BIN/kubelet" --config "$K8S_DIR/kubelet-config.yaml" \
    --kubeconfig "$K8S_DIR/kubeconfig/kubelet.conf" --root-dir "$K8S_DIR/kubelet" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_IP"
  launch kube-proxy "$K8S_BIN/kube-proxy" --config "$K8S_DIR/kube-proxy-config.yaml"
}

node_ready() {
  [ "$(kubectl_admin get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

apply_addons() {
  local file
  for file in "$here"/addons/*.yaml; do
    sed -e "s|@@COREDNS_IMAGE@@|$COREDNS_IMAGE|g" -e "s|@@DNS_SERVICE_IP@@|$DNS_SERVICE_IP|g" \
      -e "s|@@LOCAL_PATH_IMAGE@@|$LOCAL_PATH_IMAGE|g" -e "s|@@HELPER_IMAGE@@|$HELPER_IMAGE|g" \
      -e "s|@@VOLUMES_DIR@@|$K8S_DIR/volumes|g" "$file" | kubectl_admin apply -f - >/dev/null ||
      die "applying $(basename "$file") failed"
  done
}

# The cluster DNS answers a name from this host (through kube-proxy's ClusterIP rules).
dns_answers() {
  node -e '
    const dns = require("dns"); const r = new dns.promises.Resolver({ timeout: 1500, tries: 1 });
    r.setServers([process.argv[1]]);
    r.resolve4("kubernetes.default.svc.cluster.local").then((a) => { if (a[0] !== process.argv[2]) process.exit(1); }, () => process.exit(1));
  ' "$DNS_SERVICE_IP" "$API_SERVICE_IP"
}

# The `kubernetes` Service answers on its ClusterIP (kube-proxy rules to the API server).
cluster_ip_answers() { curl -sfk --max-time 2 "https://$API_SERVICE_IP/readyz" | grep -qx ok; }

start() {
  require_root
  local started=$SECONDS
  debian_packages
  local build_log="$STREAMSTACK_CACHE/logs/build-k8s-cluster.log"
  bash "$STREAMSTACK_ROOT/scripts/setup/build-k8s-cluster.sh" > "$build_log" 2>&1 ||
    { tail -20 "$build_log" >&2; die "building the cluster failed (log: $build_log)"; }
  mkdir -p "$K8S_DIR" "$K8S_DIR/volumes"
  prepare_host
  ensure_pki
  start_control_plane
  start_node
  wait_for "node $NODE_NAME to be Ready" 180 node_ready ||
    die "the node did not become Ready (logs: $K8S_DIR/logs/kubelet.log, containerd.log)"
  log "node $NODE_NAME Ready after $((SECONDS - started))s"
  apply_addons
  wait_for "CoreDNS to be available" 180 kubectl_admin -n kube-system rollout status deploy/coredns --timeout 2s ||
    die "CoreDNS did not start: $(kubectl_admin -n kube-system get pods -o wide 2>&1 | tail -3)"
  wait_for "the cluster DNS ($DNS_SERVICE_IP) to resolve kubernetes.default" 60 dns_answers ||
    die "CoreDNS runs but $DNS_SERVICE_IP does not answer from the host (kube-proxy log: $K8S_DIR/logs/kube-proxy.log)"
  wait_for "the kubernetes Service on its ClusterIP $API_SERVICE_IP:443" 60 cluster_ip_answers ||
    die "the ClusterIP $API_SERVICE_IP:443 does not answer (kube-proxy log: $K8S_DIR/logs/kube-proxy.log)"
  wait_for "the local-path provisioner to be available" 120 kubectl_admin -n local-path-storage rollout status deploy/local-path-provisioner --timeout 2s ||
    die "the storage provisioner did not start: $(kubectl_admin -n local-path-storage get pods 2>&1 | tail -2)"
  log "cluster ready in $((SECONDS - started))s: node Ready, CoreDNS answers kubernetes.default → $API_SERVICE_IP, ClusterIP Service reachable, storage class streamstack-local (RWX)"
  log "kubeconfig: $ADMIN_KUBECONFIG (context streamstack-local)"
}

stop_process() {
  local name="$1" pid
  pid=$(pid_of "$name") || { rm -f "$K8S_DIR/run/$name.pid"; return 0; }
  kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while [ -d "/proc/$pid" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if [ -d "/proc/$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$K8S_DIR/run/$name.pid"
}

stop() {
  require_root
  local started=$SECONDS
  # The kubelet first, so nothing restarts pods; then the pods through the CRI, so the CNI
  # plugins tear their network down (addresses, portmap and firewall rules) the normal way.
  stop_process kube-proxy
  stop_process kubelet
  if pid_of containerd >/dev/null && [ -x "$K8S_BIN/crictl" ]; then
    crictl_local stopp $(crictl_local pods -q 2>/dev/null) >/dev/null 2>&1 || true
    crictl_local rmp -a -f >/dev/null 2>&1 || true
  fi
  # Any shim left (a pod the CRI could not stop) dies with its containers.
  local shim
  for shim in $(pgrep -f "containerd-shim-runc-v2 .*-address $CONTAINERD_SOCK" || true); do kill -9 "$shim" 2>/dev/null || true; done
  local i
  for ((i = ${#PROCESSES[@]} - 1; i >= 0; i--)); do
    [ "${PROCESSES[$i]}" = kubelet ] || [ "${PROCESSES[$i]}" = kube-proxy ] || stop_process "${PROCESSES[$i]}"
  done
  if [ -d "$K8S_DIR" ]; then restore_host; fi
  log "cluster stopped in $((SECONDS - started))s (data kept in $K8S_DIR; 'reset' deletes it)"
}

status() {
  local name pid rc=0
  for name in "${PROCESSES[@]}"; do
    if pid=$(pid_of "$name"); then echo "$name: running (pid $pid)"; else echo "$name: stopped"; rc=1; fi
  done
  if [ $rc = 0 ] && node_ready; then
    echo "node $NODE_NAME: Ready"
    kubectl_admin get pods -A -o wide --no-headers 2>/dev/null | awk '{ printf "  %s/%s %s %s\n", $1, $2, $3, $4 }'
  else
    echo "node $NODE_NAME: not Ready"; rc=1
  fi
  echo "kubeconfig: $ADMIN_KUBECONFIG"
  return $rc
}

# A crash, not a deletion: `kubectl delete pod` (even --grace-period=0) sends SIGTERM first, and
# a process that gets to close its sessions (a Spark master's ZooKeeper lock, a broker's
# registration) hides what a dead one costs. The pod object stays; the kubelet restarts it.
sigkill_pod() {
  local ns="$1" pod="$2" ids id pid
  ids="$(crictl_local ps -q --state running --label "io.kubernetes.pod.namespace=$ns" --label "io.kubernetes.pod.name=$pod" 2>/dev/null)"
  [ -n "$ids" ] || die "pod $ns/$pod has no running container"
  for id in $ids; do
    pid="$(crictl_local inspect --output go-template --template '{{.info.pid}}' "$id" 2>/dev/null)"
    kill -KILL "$pid"
    echo "SIGKILL $ns/$pod: container ${id:0:12}, host pid $pid"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  load-images) shift; require_root; pid_of containerd >/dev/null || die "the cluster is not running (start it first)"; import_images "$@" ;;
  kubectl) shift; kubectl_admin "$@" ;;
  sigkill) [ $# = 3 ] || die "usage: $0 sigkill NAMESPACE POD"; require_root; sigkill_pod "$2" "$3" ;;
  reset) stop; unmount_under "$K8S_DIR"; rm -rf "$K8S_DIR"; log "cluster data deleted" ;;
  *) echo "usage: $0 start|stop|status|load-images IMAGE...|kubectl ARGS...|sigkill NAMESPACE POD|reset" >&2; exit 2 ;;
esac
