#!/usr/bin/env bash
# What the cluster changes on the host outside K8S_DIR, and how stop puts it back: sysctls,
# the node address, host directories, iptables chains, mounts, network links, cgroups.
# Sourced by k8s-local.sh.

# Records the host's state once per start/stop cycle, then prepares it for the node.
prepare_host() {
  mkdir -p "$K8S_DIR/run"
  if [ ! -f "$K8S_DIR/run/sysctl.saved" ]; then
    local key path
    for key in "${SYSCTLS[@]}"; do
      path="/proc/sys/${key//.//}"
      if [ -r "$path" ]; then echo "$key=$(cat "$path")"; fi
    done > "$K8S_DIR/run/sysctl.saved.partial"
    for path in "${HOST_PATHS[@]}"; do [ -e "$path" ] || echo "$path"; done > "$K8S_DIR/run/created-paths"
    mv "$K8S_DIR/run/sysctl.saved.partial" "$K8S_DIR/run/sysctl.saved"
  fi
  sysctl -q -w net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 >/dev/null ||
    die "cannot enable IP forwarding / bridge netfilter (needed for pod traffic)"
  # CoreDNS, the kubelet and containerd each hold inotify instances; 128 runs out with a few pods.
  [ "$(cat /proc/sys/fs/inotify/max_user_instances)" -ge 1024 ] || sysctl -q -w fs.inotify.max_user_instances=1024
  ip -4 addr show dev lo | grep -q "inet $NODE_IP/32" || ip addr add "$NODE_IP/32" dev lo ||
    die "cannot add the node address $NODE_IP/32 to lo (set STREAMSTACK_K8S_NODE_IP to a free address)"
  refuse_unserved_service_addresses
}

# A pod's connection to a Service address that kube-proxy did not translate (the Service has no
# endpoint at that moment: a member restarting in a roll) must be refused on the node, as
# kube-proxy's own "has no endpoints" REJECT intends. That rule sits in FORWARD after the CNI
# firewall plugin's chain, which accepts everything a pod sends, so without this the packet
# leaves through the machine's default route. On a machine whose network answers any TCP
# connection (a transparent HTTP proxy), a Kafka broker then read "HTTP/1.1 400" as a 1.2 GB
# frame and died of "Java heap space" in its channel to the controller. CNI-ADMIN is the
# plugin's chain for the administrator's rules and comes first; packets kube-proxy translated
# no longer carry a Service address when they get here.
refuse_unserved_service_addresses() {
  iptables -t filter -N CNI-ADMIN 2>/dev/null || true
  local rule=(-d "$SERVICE_CIDR" -m comment --comment "streamstack: Service addresses never leave the node" -j REJECT --reject-with icmp-port-unreachable)
  iptables -t filter -C CNI-ADMIN "${rule[@]}" 2>/dev/null || iptables -t filter -I CNI-ADMIN 1 "${rule[@]}" ||
    die "cannot add the iptables rule that refuses unserved Service addresses (CNI-ADMIN)"
}

# Deletes every iptables chain named KUBE-* or CNI-* (kube-proxy's, the kubelet's, the CNI
# plugins') and the rules of built-in chains that jump to them, in the iptables flavours in use.
remove_iptables_chains() {
  local cmd table chains chain rule
  for cmd in iptables iptables-legacy; do
    command -v "$cmd" >/dev/null || continue
    for table in filter nat mangle; do
      chains=$("$cmd-save" -t "$table" 2>/dev/null | sed -n 's/^:\(\(KUBE\|CNI\)-[^ ]*\) .*/\1/p') || continue
      [ -n "$chains" ] || continue
      # Rules anywhere that jump to one of ours, deleted by their exact spec.
      "$cmd-save" -t "$table" | grep -E '^-A ' | grep -E -- '-j (KUBE|CNI)-' | while read -r rule; do
        eval "\"$cmd\" -t \"$table\" ${rule/-A/-D}" 2>/dev/null || true
      done || true
      for chain in $chains; do "$cmd" -t "$table" -F "$chain" 2>/dev/null || true; done
      for chain in $chains; do "$cmd" -t "$table" -X "$chain" 2>/dev/null || true; done
    done
  done
}

unmount_under() {
  local dir="$1" mnt
  # Deepest first; lazily if still busy (a dying shim), so nothing stays mounted.
  findmnt -rn -o TARGET | grep -E "^$dir(/|$)" | sort -r | while read -r mnt; do
    umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
  done || true
}

remove_cgroups() {
  local root
  for root in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/*/kubepods.slice /sys/fs/cgroup/kubepods; do
    [ -d "$root" ] || continue
    find "$root" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

restore_host() {
  unmount_under "$K8S_DIR"
  # Pod network namespaces containerd pinned under /var/run/netns (cni-<uuid>).
  local ns
  for ns in /var/run/netns/cni-*; do
    [ -e "$ns" ] || continue
    umount "$ns" 2>/dev/null || umount -l "$ns" 2>/dev/null || true
    rm -f "$ns"
  done
  remove_iptables_chains
  if ip link show "$CNI_BRIDGE" >/dev/null 2>&1; then ip link delete "$CNI_BRIDGE"; fi
  if ip -4 addr show dev lo | grep -q "inet $NODE_IP/32"; then ip addr del "$NODE_IP/32" dev lo; fi
  remove_cgroups
  if [ -f "$K8S_DIR/run/sysctl.saved" ]; then
    local line
    while read -r line; do sysctl -q -w "$line" >/dev/null 2>&1 || log "could not restore $line"; done < "$K8S_DIR/run/sysctl.saved"
    local path
    while read -r path; do
      if [ -n "$path" ] && [ -e "$path" ]; then unmount_under "$path"; rm -rf "$path"; fi
    done < "$K8S_DIR/run/created-paths"
    rm -f "$K8S_DIR/run/sysctl.saved" "$K8S_DIR/run/created-paths"
  fi
}
