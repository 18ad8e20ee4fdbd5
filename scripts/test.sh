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
# cores; three do not (tried 2026-12-07: every e2e file took twice as long, the run longer).
# Every e2e stack has its own name and ports; suites that must not overlap share a file
# (test/e2e/kubernetes.test.ts: both start and stop the machine's one cluster). The longest
# files start first and the others fill in beside them (`node --test` would sort them by path
# and start the longest last): scripts/run-tests.ts keeps this order. Each is the compiled file
# of a test source, not whatever an earlier build left in build/.
compiled() { for source in "$@"; do echo "build/${source%.ts}.js"; done; }
longest_first=(test/e2e/streaming-job.test.ts test/e2e/local-stack.test.ts test/e2e/kubernetes.test.ts test/e2e/rolling-change.test.ts)
mapfile -t others < <(printf '%s\n' test/e2e/*.test.ts test/unit/*.test.ts | grep -vxF -f <(printf '%s\n' "${longest_first[@]}"))
mapfile -t test_files < <(compiled "${longest_first[@]}" "${others[@]}")
node build/scripts/run-tests.js --concurrency "${STREAMSTACK_TEST_CONCURRENCY:-2}" "${test_files[@]}"
