import * as assert from "node:assert/strict";
import { ConfigError } from "../../components/config";
import { MachineFacts, resolveSettings } from "../../components/platform/settings";
import { localAddresses } from "../../program/local-addresses";

/** The problems resolveSettings reports for this raw config (empty = valid), on this machine as the program asks. */
export function problemsOf(raw: Record<string, unknown>, machine: MachineFacts = { localAddresses: localAddresses() }): { key: string; message: string; value?: unknown }[] {
    try {
        resolveSettings(raw, machine);
        return [];
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
        return error.problems;
    }
}

/** Asserts a problem on `streamstack:<key>` whose value and message mention every fragment. */
export function assertProblem(raw: Record<string, unknown>, key: string, ...fragments: string[]): void {
    const problems = problemsOf(raw);
    const match = problems.find((p) => p.key === `streamstack:${key}`);
    assert.ok(match, `expected a problem on streamstack:${key}, got: ${JSON.stringify(problems)}`);
    // The value is reported beside the message (`key = value: message`); both count.
    const text = `${"value" in match ? JSON.stringify(match.value) : ""} ${match.message}`;
    for (const fragment of fragments) assert.ok(text.includes(fragment), `"${text}" should mention "${fragment}"`);
}
