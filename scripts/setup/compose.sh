#!/usr/bin/env bash
# Installs the Docker Compose v2 CLI plugin (`docker compose`), built from its Go module,
# for the benchmark baseline. Skipped when `docker compose version` already answers.
source "$(dirname "$0")/lib.sh"
if docker compose version >/dev/null 2>&1; then
  log "docker compose present: $(docker compose version --short)"
  exit 0
fi
out="$STREAMSTACK_CACHE/compose-$COMPOSE_VERSION"
if [ ! -x "$out/docker-compose" ]; then
  mkdir -p "$out"
  CGO_ENABLED=0 GOBIN="$out" go install -trimpath \
    -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=v$COMPOSE_VERSION" \
    "github.com/docker/compose/v2/cmd@v$COMPOSE_VERSION"
  mv "$out/cmd" "$out/docker-compose"
fi
mkdir -p "$HOME/.docker/cli-plugins"
ln -sf "$out/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
log "docker compose $(docker compose version --short) installed"
