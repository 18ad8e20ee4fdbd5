#!/usr/bin/env bash
# Builds actionlint (github.com/rhysd/actionlint, served by the Go module proxy) into
# $STREAMSTACK_CACHE/actionlint-<version>/, in the Go build cache the other builds share.
# Command B runs it over .github/workflows (test/unit/workflow.test.ts).
source "$(dirname "$0")/lib.sh"
source "$STREAMSTACK_ROOT/versions.env"

out="$STREAMSTACK_CACHE/actionlint-$ACTIONLINT_VERSION"
if [ -x "$out/actionlint" ]; then
  log "actionlint $ACTIONLINT_VERSION already built in $out"
  exit 0
fi
rm -rf "$out.partial" && mkdir -p "$out.partial"
CGO_ENABLED=0 GOBIN="$out.partial" go install -trimpath -ldflags "-s -w" \
  "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" || die "building actionlint $ACTIONLINT_VERSION failed"
rm -rf "$out" && mv "$out.partial" "$out"
log "actionlint $ACTIONLINT_VERSION built in $out"
