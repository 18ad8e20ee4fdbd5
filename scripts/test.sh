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
# The package other programs install, built once before the tests that install it run side by side.
step "package (npm run package)" bash -c 'bash scripts/package.sh >/dev/null'
# One node:test run, two test files at a time: an end-to-end stack spends much of its time
# waiting (on ZooKeeper sessions, health checks, one-at-a-time rolls), so two share the two
# cores; three do not (tried 2026-12-07: every e2e file took about twice as long, and the run
# longer; docs/testing.md). Every e2e stack has its own name and ports; suites that must not
# overlap share a file (test/e2e/kubernetes.test.ts: both start and stop the machine's one
# cluster). node:test runs the files in path order (build/test/e2e before build/test/unit).
# Each is the compiled file of a test source, not whatever an earlier build left in build/.
compiled() { for source in "$@"; do echo "build/${source%.ts}.js"; done; }
mapfile -t test_files < <(compiled test/unit/*.test.ts test/e2e/*.test.ts)
node --test --test-concurrency=2 --test-reporter=spec "${test_files[@]}"
