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
  # compose's go.mod has exclude lines, so `go install pkg@version` refuses it; a wrapper
  # module that repeats them builds the same binary.
  work="$STREAMSTACK_CACHE/build/compose-$COMPOSE_VERSION"
  rm -rf "$work" && mkdir -p "$work" "$out" && cd "$work"
  cat > go.mod <<GOMOD
module streamstack.local/docker-compose

go 1.24

exclude (
	github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc
	github.com/pmezard/go-difflib v1.0.1-0.20181226105442-5d4384ee4fb2
)
GOMOD
  go get "github.com/docker/compose/v2/cmd@v$COMPOSE_VERSION"
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=v$COMPOSE_VERSION" \
    -o "$out/docker-compose" github.com/docker/compose/v2/cmd
fi
mkdir -p "$HOME/.docker/cli-plugins"
ln -sf "$out/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
log "docker compose $(docker compose version --short) installed"
