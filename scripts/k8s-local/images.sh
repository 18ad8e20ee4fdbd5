#!/usr/bin/env bash
# Images for the cluster's containerd. No registry answers here, so the cluster's own pieces
# (pause, CoreDNS, local-path-provisioner and its helper) are built FROM scratch around
# binaries built from Go modules and Debian's static busybox, and every image — those and the
# platform's — is imported from Docker into containerd's k8s.io namespace. Pods then use
# them with imagePullPolicy IfNotPresent. Sourced by k8s-local.sh.

# The normalized name containerd lists an image under ("streamstack/kafka:x" → "docker.io/streamstack/kafka:x").
normalized_ref() {
  local ref="$1" first="${1%%/*}"
  if [[ "$ref" != */* ]]; then ref="docker.io/library/$ref"
  elif [[ "$first" != *.* && "$first" != *:* && "$first" != localhost ]]; then ref="docker.io/$ref"; fi
  echo "$ref"
}

in_containerd() { ctr_k8s images ls -q 2>/dev/null | grep -qxF "$(normalized_ref "$1")"; }

# import_images REF...: copies Docker images into containerd unless it already has them
# under the same image id.
import_images() {
  local ref id marker
  for ref in "$@"; do
    docker image inspect "$ref" >/dev/null 2>&1 || die "image $ref is not in Docker (build it first: bash scripts/setup.sh)"
    id=$(docker image inspect --format '{{.Id}}' "$ref")
    marker="$K8S_DIR/images/$(echo "$ref" | tr '/:' '__')"
    if in_containerd "$ref" && [ "$(cat "$marker" 2>/dev/null)" = "$id" ]; then continue; fi
    local started=$SECONDS
    docker save "$ref" | ctr_k8s images import - >/dev/null || die "importing $ref into the cluster's containerd failed"
    mkdir -p "$K8S_DIR/images" && echo "$id" > "$marker"
    log "imported $ref into the cluster ($((SECONDS - started))s)"
  done
}

# scratch_image TAG DOCKERFILE-BODY FILE...: builds a FROM-scratch image around FILEs.
scratch_image() {
  local tag="$1" body="$2"; shift 2
  docker image inspect "$tag" >/dev/null 2>&1 && return 0
  local ctx
  ctx=$(mktemp -d)
  cp "$@" "$ctx/"
  printf 'FROM scratch\n%s\n' "$body" > "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$ctx" >/dev/null 2>"$ctx.log" || { cat "$ctx.log" >&2; rm -rf "$ctx" "$ctx.log"; die "building $tag failed"; }
  rm -rf "$ctx" "$ctx.log"
  log "built image $tag"
}

busybox_binary() {
  local dir="$STREAMSTACK_CACHE/dl/busybox-static"
  if [ ! -x "$dir/bin/busybox" ]; then
    rm -rf "$dir" && mkdir -p "$dir/deb"
    (cd "$dir/deb" && apt-get download busybox-static >/dev/null 2>&1) || die "apt-get download busybox-static failed"
    dpkg-deb -x "$dir"/deb/*.deb "$dir" || die "unpacking busybox-static failed"
  fi
  echo "$dir/bin/busybox"
}

cluster_images() {
  scratch_image "$PAUSE_IMAGE" 'COPY pause /pause
USER 65535:65535
ENTRYPOINT ["/pause"]' "$K8S_BIN/pause"
  scratch_image "$COREDNS_IMAGE" 'COPY coredns /coredns
ENTRYPOINT ["/coredns"]' "$K8S_BIN/coredns"
  scratch_image "$LOCAL_PATH_IMAGE" 'COPY local-path-provisioner /usr/bin/local-path-provisioner
ENTRYPOINT ["/usr/bin/local-path-provisioner"]' "$K8S_BIN/local-path-provisioner"
  scratch_image "$HELPER_IMAGE" 'COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -m 1777 /tmp' "$(busybox_binary)"
  import_images "$PAUSE_IMAGE" "$COREDNS_IMAGE" "$LOCAL_PATH_IMAGE" "$HELPER_IMAGE"
}
