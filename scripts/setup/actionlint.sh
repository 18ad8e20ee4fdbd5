#!/usr/bin/env bash
# Builds actionlint (github.com/rhysd/actionlint, served by the Go module proxy) into
# $STREAMSTACK_CACHE/actionlint-<version>/, in the Go build cache the other builds share.
# Command B runs it over .github/workflows (test/unit/workflow.test.ts).
source "$(dirname "$0")/lib.sh"
source "$STREAMSTACK_ROOT/versions.env"

go_tool_install "actionlint $ACTIONLINT_VERSION" "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" \
  "$STREAMSTACK_CACHE/actionlint-$ACTIONLINT_VERSION"
