/** One guardrail the change breaks, as the policy pack reported it to the engine. */
export interface PolicyViolation {
    policyName: string;
    enforcementLevel: "mandatory" | "advisory" | string;
    message: string;
    /** The resource's name, or undefined for a stack-wide policy. */
    resource?: string;
}

interface PolicyEvent {
    resourceUrn?: string;
    message: string;
    policyName: string;
    enforcementLevel: string;
}

/**
 * The policy events of a streamed preview (`PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi
 * preview --json --policy-pack …`, one engine event per line). The summary JSON of a plain
 * `--json` preview leaves them out, and the streamed one leaves out dependencies, so the
 * review reads steps from the one and guardrails from the other.
 */
export function policyViolations(streamed: string): PolicyViolation[] {
    return streamed.split("\n").filter((line) => line.startsWith("{")).flatMap((line): PolicyViolation[] => {
        const event = (JSON.parse(line) as { policyEvent?: PolicyEvent }).policyEvent;
        if (!event) return [];
        // The message is the policy's description, then what this resource or stack did.
        const lines = event.message.trim().split("\n");
        return [{
            policyName: event.policyName,
            enforcementLevel: event.enforcementLevel,
            message: lines.length > 1 ? lines.slice(1).join(" ") : lines[0]!,
            resource: event.resourceUrn ? event.resourceUrn.slice(event.resourceUrn.lastIndexOf("::") + 2) : undefined,
        }];
    });
}
