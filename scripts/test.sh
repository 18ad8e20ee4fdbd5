#!/usr/bin/env bash
# Command B: every test. Sets up what is missing (same set-up as command A, whose build step
# is the type check), then lint, and one node:test run over the unit tests and the end-to-end tests, which
# bring up real Docker stacks with the real Pulumi engine. Nothing is skipped: a missing
# tool is set up, or the run fails at the step that could not do it.
source "$(dirname "$0")/setup.sh"
cd "$STREAMSTACK_ROOT"
step "lint (eslint)" npx eslint .
# The layers (.dependency-cruiser.cjs): no import runs back up, no cycle.
step "layering (dependency-cruiser)" npm run --silent lint:layers
# Unit tests first (fast), then the e2e stacks one at a time (they share the machine's memory).
node --test --test-concurrency=1 --test-reporter=spec \
  "build/test/unit/**/*.test.js" "build/test/e2e/**/*.test.js"
