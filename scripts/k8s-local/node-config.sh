#!/usr/bin/env bash
# Configuration files of the node's pieces: containerd (a private instance beside Docker's),
# the CNI bridge network, the kubelet and kube-proxy. Rewritten on every start, so a change
# here takes effect on the next start. Sourced by k8s-local.sh.

write_containerd_config() {
  mkdir -p "$K8S_DIR/containerd" "$K8S_DIR/cni/net.d"
  cat > "$K8S_DIR/containerd/config.toml" <<TOML
version = 2
root = "$K8S_DIR/containerd/root"
state = "$K8S_DIR/containerd/state"
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$K8S_DIR/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # This VM's capability bounding set lacks CAP_SYS_RESOURCE: without this every sandbox
  # fails with "runc create failed: ... can't get final child's PID from pipe: EOF".
  restrict_oom_score_adj = true
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$K8S_DIR/cni/net.d"
TOML
  # firewall: Docker sets the FORWARD policy to DROP; the plugin admits the pods' traffic.
  cat > "$K8S_DIR/cni/net.d/10-streamstack.conflist" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "streamstack",
  "plugins": [
    { "type": "bridge", "bridge": "$CNI_BRIDGE", "isGateway": true, "ipMasq": true, "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "$POD_CIDR" }]], "routes": [{ "dst": "0.0.0.0/0" }],
                "dataDir": "$K8S_DIR/cni/ipam" } },
    { "type": "portmap", "capabilities": { "portMappings": true } },
    { "type": "firewall", "backend": "iptables" }
  ]
}
JSON
}

write_kubelet_config() {
  mkdir -p "$K8S_DIR/kubelet"
  cat > "$K8S_DIR/kubelet-config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $K8S_DIR/pki/ca.crt }
authorization: { mode: Webhook }
tlsCertFile: $K8S_DIR/pki/kubelet-serving.crt
tlsPrivateKeyFile: $K8S_DIR/pki/kubelet-serving.key
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
# cgroup v1 hybrid with PID 1 on v1 hierarchies: v2 is not an option on this kernel.
cgroupDriver: cgroupfs
failCgroupV1: false
clusterDNS: [$DNS_SERVICE_IP]
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
failSwapOn: false
volumePluginDir: $K8S_DIR/kubelet-plugins
podLogsDir: $K8S_DIR/pod-logs
# Images come from local imports and can never be pulled again: no image GC, and evictions
# only when the disk is truly full.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: { memory.available: 100Mi, nodefs.available: 2%, imagefs.available: 2%, nodefs.inodesFree: 2% }
serializeImagePulls: false
YAML
  cat > "$K8S_DIR/kube-proxy-config.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: { kubeconfig: $K8S_DIR/kubeconfig/kube-proxy.conf }
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $CLUSTER_CIDR
# NodePorts answer on the node address only (a loopback alias), never on the machine's network.
nodePortAddresses: ["$NODE_IP/32"]
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# This kernel forbids raising nf_conntrack_max from a namespace: leave it as it is.
conntrack: { maxPerCore: 0 }
YAML
}
