import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dockerCpus, dockerHealthcheck } from "../../targets/docker/container-args";

describe("Docker container arguments", () => {
    it("writes CPUs the way the provider reads them back, so a refresh finds no drift", () => {
        assert.equal(dockerCpus(1), "1.0");
        assert.equal(dockerCpus(2), "2.0");
        assert.equal(dockerCpus(0.5), "0.5");
        assert.equal(dockerCpus(1.25), "1.25");
    });

    it("turns a probe into a CMD health check with Go duration strings", () => {
        assert.deepEqual(dockerHealthcheck({ command: ["bash", "/etc/streamstack/ready.sh"], initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 6 }), {
            tests: ["CMD", "bash", "/etc/streamstack/ready.sh"], interval: "5s", timeout: "3s", retries: 6, startPeriod: "10s",
        });
    });
});
