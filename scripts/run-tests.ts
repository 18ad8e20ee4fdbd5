/**
 * Command B's test run: node:test over the compiled test files, in the order given, `--concurrency`
 * files at a time (2 by default), reported by node:test's spec reporter, whose summary ends the
 * output. `node --test` sorts the files it is given by path; this keeps the caller's order, so
 * the longest end-to-end files start first and the short ones fill in beside them (scripts/test.sh
 * names them). Exits non-zero when any test failed.
 * Usage: node build/scripts/run-tests.js [--concurrency N] FILE...
 */
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { wholeNumberFlag } from "../harness/bench-args";

function main(): void {
    const args = process.argv.slice(2);
    const concurrency = wholeNumberFlag(args, "--concurrency", 2);
    const files = args.filter((arg, i) => arg !== "--concurrency" && args[i - 1] !== "--concurrency");
    if (files.length === 0) throw new Error("run-tests: no test files given");
    const tests = run({ files, concurrency });
    tests.on("test:fail", () => {
        process.exitCode = 1;
    });
    tests.compose(spec).pipe(process.stdout);
}

main();
