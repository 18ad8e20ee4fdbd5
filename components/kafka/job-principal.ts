import { createHmac } from "node:crypto";
import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";
import { hasClientsListener, internalAuthentication } from "./internal-authentication";
import { aclProblems, userNameProblem } from "./user-acls";

/**
 * Each Spark job's own Kafka principal, when Kafka asks for logins inside the platform
 * (kafka.internalAuthentication): a `streamstack:kafka:User` allowed only what the job reads
 * and writes. Its password is derived from the Spark cluster's secret and the principal's name
 * (HMAC-SHA256), which is what every driver and executor already holds (a worker hands it to
 * them): the image's agent (images/spark/agent) derives the same password inside the job and
 * gives Kafka's client the login, so no password travels in a submission, a command line, the
 * masters' recovery state or a file. Spark standalone runs every job of a worker as one user:
 * a job can read what its worker hands another, so these principals keep each job to its own
 * topics by mistake, not against a job written to escape them (docs/security.md). Pure.
 */

/** The system property the agent reads (in the driver's and the executors' Java options): the job's principal. */
export const JOB_LOGIN_PROPERTY = "streamstack.kafka.login";

/** What the agent mixes into the HMAC before the principal: a password for nothing but this. */
export const JOB_PASSWORD_CONTEXT = "streamstack kafka login:";

/** The principal (SCRAM user name) of a job: its name is lower-case letters, digits and '-' (the job rules). */
export function jobPrincipal(jobName: string): string {
    return `streamstack-job-${jobName}`;
}

/** The job principal's password: base64url of HMAC-SHA256(the Spark secret, context + principal), as the agent computes it. */
export function jobPassword(sparkSecret: string, principal: string): string {
    return createHmac("sha256", sparkSecret).update(JOB_PASSWORD_CONTEXT + principal).digest("base64url");
}

/**
 * The sample job's ACLs: read its input topic, write its output topic, and the consumer groups
 * its Kafka source names after the principal (it sets groupIdPrefix to it). Nothing else.
 */
export function sampleJobAcls(principal: string, inputTopic: string, outputTopic: string): Record<string, string[]> {
    const acls: Record<string, string[]> = { [`topic:${inputTopic}`]: ["read", "describe"] };
    // One topic may be both (a job that writes back where it reads).
    acls[`topic:${outputTopic}`] = [...new Set([...(acls[`topic:${outputTopic}`] ?? []), "write", "describe"])];
    acls[`group:${principal}*`] = ["read", "describe"];
    return acls;
}

/** What the jobs' Kafka logins need: a setting that asks for them, principal names Kafka takes, ACLs that mean something. */
export function checkJobPrincipals(settings: PlatformSettings, report: Report): void {
    const logins = hasClientsListener(internalAuthentication(settings));
    settings.jobs.forEach((job, i) => {
        const hasAcls = Object.keys(job.acls).length > 0;
        if (hasAcls && !logins) {
            report(`jobs[${i}].acls`, job.acls,
                'a job logs in to Kafka as its own principal only when Kafka asks for logins inside the platform: set kafka.internalAuthentication to "scram-sha-512" (or "migrating"), or remove the acls');
        }
        for (const [resource, problem] of aclProblems(job.acls)) report(`jobs[${i}].acls["${resource}"]`, job.acls[resource], problem);
        if (logins && userNameProblem(jobPrincipal(job.name)) !== undefined) {
            report(`jobs[${i}].name`, job.name, `its Kafka principal ${jobPrincipal(job.name)} would be longer than Kafka's 64 characters; use a name of at most 48`);
        }
    });
    const principals = new Map(settings.jobs.map((job, i) => [jobPrincipal(job.name), i]));
    settings.users.forEach((user, i) => {
        const job = principals.get(user.name);
        if (job !== undefined) report(`users[${i}].name`, user.name, `is the Kafka principal of jobs[${job}] (${settings.jobs[job]!.name}); give your user another name`);
    });
}
