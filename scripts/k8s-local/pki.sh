#!/usr/bin/env bash
# Certificates and kubeconfigs of the local cluster: one CA, a serving certificate for the
# API server and the kubelet, a client certificate per component (its RBAC identity), the
# service-account signing key. Made once; kept across stop/start. Sourced by k8s-local.sh.

# issue_cert NAME CN ORG EXTENSIONS: a key and certificate signed by the cluster CA.
issue_cert() {
  local name="$1" cn="$2" org="$3" ext="$4"
  local subject="/CN=$cn"; [ -n "$org" ] && subject="/O=$org$subject"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$subject" \
    -keyout "$K8S_DIR/pki/$name.key" -out "$K8S_DIR/pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$K8S_DIR/pki/$name.csr" -CA "$K8S_DIR/pki/ca.crt" -CAkey "$K8S_DIR/pki/ca.key" \
    -CAcreateserial -days 3650 -sha256 -out "$K8S_DIR/pki/$name.crt" -extfile <(printf '%s\n' "$ext") 2>/dev/null
  rm -f "$K8S_DIR/pki/$name.csr"
}

client_ext='keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth'

# write_kubeconfig NAME CERT: a kubeconfig that authenticates with pki/CERT.{crt,key}.
write_kubeconfig() {
  local file="$K8S_DIR/kubeconfig/$1.conf" cert="$2"
  local kc=("$K8S_BIN/kubectl" --kubeconfig "$file")
  "${kc[@]}" config set-cluster streamstack-local --server "https://$NODE_IP:$API_PORT" \
    --certificate-authority "$K8S_DIR/pki/ca.crt" --embed-certs >/dev/null
  "${kc[@]}" config set-credentials "$1" --client-certificate "$K8S_DIR/pki/$cert.crt" \
    --client-key "$K8S_DIR/pki/$cert.key" --embed-certs >/dev/null
  "${kc[@]}" config set-context streamstack-local --cluster streamstack-local --user "$1" >/dev/null
  "${kc[@]}" config use-context streamstack-local >/dev/null
  chmod 600 "$file"
}

ensure_pki() {
  [ -f "$K8S_DIR/kubeconfig/admin.conf" ] && return 0
  rm -rf "$K8S_DIR/pki" "$K8S_DIR/kubeconfig" && mkdir -p "$K8S_DIR/pki" "$K8S_DIR/kubeconfig"
  chmod 700 "$K8S_DIR/pki"
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -sha256 \
    -subj "/CN=streamstack-local-ca" -keyout "$K8S_DIR/pki/ca.key" -out "$K8S_DIR/pki/ca.crt" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  issue_cert apiserver kube-apiserver "" "keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:$NODE_IP,IP:$API_SERVICE_IP,IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost"
  issue_cert kubelet-serving "system:node:$NODE_NAME" system:nodes "keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:$NODE_IP,DNS:$NODE_NAME"
  issue_cert admin streamstack-admin system:masters "$client_ext"
  issue_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters "$client_ext"
  issue_cert controller-manager system:kube-controller-manager "" "$client_ext"
  issue_cert scheduler system:kube-scheduler "" "$client_ext"
  issue_cert kubelet "system:node:$NODE_NAME" system:nodes "$client_ext"
  issue_cert kube-proxy system:kube-proxy "" "$client_ext"
  openssl genrsa -out "$K8S_DIR/pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$K8S_DIR/pki/sa.key" -pubout -out "$K8S_DIR/pki/sa.pub" 2>/dev/null
  write_kubeconfig controller-manager controller-manager
  write_kubeconfig scheduler scheduler
  write_kubeconfig kubelet kubelet
  write_kubeconfig kube-proxy kube-proxy
  # Written last: its presence means the whole set is complete.
  write_kubeconfig admin admin
  log "certificates and kubeconfigs written to $K8S_DIR/{pki,kubeconfig}"
}
