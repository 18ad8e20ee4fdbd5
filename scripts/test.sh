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
# One node:test run, two test files at a time: an end-to-end stack spends most of its time
# waiting (on ZooKeeper sessions, health checks, one-at-a-time rolls), so two share the two
# cores. Every e2e stack has its own name and ports; suites that must not overlap share a file
# (test/e2e/kubernetes.test.ts: both start and stop the machine's one cluster). Unit tests
# first, then the e2e files longest first, so that the two lanes end together.
longest_first=(kubernetes streaming-job fault-drills topics rolling-change local-stack outside-program
  held-out-stack python-program readme interrupted-up yaml-program)
# The compiled file of each test source (not whatever an earlier build left in build/).
compiled() { for source in "$@"; do echo "build/${source%.ts}.js"; done; }
mapfile -t unit_files < <(compiled test/unit/*.test.ts)
e2e_files=()
for name in "${longest_first[@]}"; do e2e_files+=("build/test/e2e/$name.test.js"); done
for file in $(compiled test/e2e/*.test.ts); do
  [[ " ${e2e_files[*]} " == *" $file "* ]] || e2e_files+=("$file")
done
node --test --test-concurrency=2 --test-reporter=spec "${unit_files[@]}" "${e2e_files[@]}"
