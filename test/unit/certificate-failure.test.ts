/** Which producer failures the CA-rotation e2e counts as a client that did not trust a broker (harness/numbered-producer.ts). */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCertificateFailure } from "../../harness/numbered-producer";

const WRAPPER = "Producing messages failed.; produce failed 4 times.; Connection to 127.0.0.1:14094 failed.; TLS handshake failed. Please verify the broker supports TLS.";

describe("certificate failures in a producer's error chain", () => {
    it("counts every way Node's TLS refuses a broker's certificate", () => {
        for (const reason of [
            "unable to get local issuer certificate",
            "self-signed certificate in certificate chain",
            "Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: IP Address:127.0.0.1, DNS:kafka-1",
            "certificate has expired",
            "unable to verify the first certificate",
            "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
        ]) assert.ok(isCertificateFailure(`${WRAPPER}; ${reason}`), reason);
    });

    it("does not count a broker closing the connection during the handshake, as one does when it stops in a roll", () => {
        // Seen in command B's CA rotation while a broker restarted (the send was retried and acknowledged).
        const closed = "Producing messages failed.; produce failed 4 times.; Received response with error while executing API Produce(v11); " +
            "For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, " +
            "this error indicates that the broker is not a replica of the topic partition.; Connection to 127.0.0.1:14094 failed.; " +
            "TLS handshake failed. Please verify the broker supports TLS.; Client network socket disconnected before secure TLS connection was established";
        assert.equal(isCertificateFailure(closed), false);
        assert.equal(isCertificateFailure(`${WRAPPER}; connect ECONNREFUSED 127.0.0.1:14094`), false);
    });
});
