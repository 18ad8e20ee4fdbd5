import * as provider from "@pulumi/pulumi/provider";
import { randomBytes } from "node:crypto";
import { KafkaAuth } from "../../../components/model/state-access";
import { KAFKA_USER_TYPE } from "../../../components/model/resource-tokens";
import { aclBindings, aclChanges, aclMap, aclProblems, userNameProblem } from "../../../components/kafka/user-acls";
import { ResourceHandler } from "../resource-handler";
import { describeKafkaError } from "./admin";
import { UserAdmin } from "./user-admin";
import { userSchema } from "./user-schema";

/** A user's properties as the provider stores them (inputs and outputs are the same shape). */
interface UserProps {
    name: string;
    acls: Record<string, string[]>;
    password: string;
    /** false: ACLs only (ANONYMOUS); no credential is made, read or deleted. */
    login: boolean;
    adoptExisting: boolean;
    bootstrapServers: string;
    caCertificate?: string;
    auth: KafkaAuth;
}

function userProps(raw: Record<string, unknown>): UserProps {
    return {
        name: raw.name as string,
        acls: (raw.acls as Record<string, string[]> | undefined) ?? {},
        password: raw.password as string,
        login: (raw.login as boolean | undefined) ?? true,
        adoptExisting: (raw.adoptExisting as boolean | undefined) ?? false,
        bootstrapServers: raw.bootstrapServers as string,
        ...(raw.caCertificate ? { caCertificate: raw.caCertificate as string } : {}),
        auth: raw.auth as KafkaAuth,
    };
}

/** Runs admin operations as the admin login, turning any client error into one line naming the user. */
async function withAdmin<T>(props: Pick<UserProps, "name" | "bootstrapServers" | "caCertificate" | "auth">, action: string, work: (admin: UserAdmin) => Promise<T>): Promise<T> {
    const admin = new UserAdmin(props.bootstrapServers, { caCertificate: props.caCertificate, login: props.auth });
    try {
        return await work(admin);
    } catch (error) {
        throw new Error(`Kafka user "${props.name}": ${action} failed: ${describeKafkaError(error)}`);
    } finally {
        await admin.close().catch(() => undefined);
    }
}

/** Brings the user's ACLs from what the cluster has to what the props say. */
async function applyAcls(admin: UserAdmin, user: UserProps): Promise<void> {
    const changes = aclChanges(await admin.bindings(user.name), aclBindings(user.acls));
    await admin.deleteBindings(user.name, changes.delete);
    await admin.createBindings(user.name, changes.create);
}

/**
 * `streamstack:kafka:User`: a SCRAM-SHA-512 credential and its ACLs through Kafka's admin API.
 * The password is never read back (Kafka keeps only a salted proof of it): refresh shows the
 * ACLs' drift and a credential deleted behind Pulumi's back; `up` puts both back.
 */
export function userHandler(): ResourceHandler {
    return {
        token: KAFKA_USER_TYPE,
        schema: userSchema,
        secretOutputs: ["password"],

        async check(olds, news): Promise<provider.CheckResult> {
            const user = userProps(news);
            const failures: provider.CheckFailure[] = [];
            const nameProblem = typeof user.name === "string" ? userNameProblem(user.name) : "must be a string";
            if (nameProblem) failures.push({ property: "name", reason: nameProblem });
            for (const [resource, problem] of aclProblems(user.acls)) failures.push({ property: `acls["${resource}"]`, reason: problem });
            // Generated once: the first check makes it, every later one keeps the recorded one.
            // A principal without a login has none.
            const password = !user.login ? "" : user.password ?? (olds?.password as string | undefined) ?? randomBytes(32).toString("base64url");
            return { inputs: { ...news, acls: user.acls, password, login: user.login }, failures };
        },

        async diff(_id, oldRaw, newRaw): Promise<provider.DiffResult> {
            const olds = userProps(oldRaw);
            const news = userProps(newRaw);
            const changed = (["acls", "password", "bootstrapServers", "caCertificate", "auth", "adoptExisting", "login"] as const)
                .filter((key) => JSON.stringify(key === "acls" ? aclBindings(olds.acls) : olds[key] ?? null) !== JSON.stringify(key === "acls" ? aclBindings(news.acls) : news[key] ?? null));
            const replaces = olds.name !== news.name ? ["name"] : olds.login !== news.login ? ["login"] : [];
            return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: true };
        },

        async create(raw): Promise<provider.CreateResult> {
            const user = userProps(raw);
            await withAdmin(user, "create", async (admin) => {
                if (!user.login) return applyAcls(admin, user);
                if (!user.adoptExisting && await admin.hasCredential(user.name)) {
                    throw new Error("a login of that name already exists on the cluster. To manage it, set adoptExisting: true " +
                        "(its password becomes this resource's, its ACLs these), or give the user another name");
                }
                await admin.setCredential(user.name, user.password);
                await applyAcls(admin, user);
                await admin.waitForLogin(user.name, user.password);
            });
            return { id: user.name, outs: raw };
        },

        async read(id, props): Promise<provider.ReadResult> {
            if (props.bootstrapServers === undefined) {
                throw new Error(`Kafka user "${id}": a user cannot be imported by id (its password cannot be read back, and the ` +
                    "cluster needs a login); declare it with adoptExisting: true instead, and the next up sets its password and ACLs");
            }
            const user = userProps({ ...props, name: id });
            const live = await withAdmin(user, "read", async (admin) => (!user.login || await admin.hasCredential(id)) ? await admin.bindings(id) : undefined);
            if (live === undefined) return {};
            const current = { ...props, acls: aclMap(live) };
            return { id, props: current, inputs: current };
        },

        async update(_id, oldRaw, newRaw): Promise<provider.UpdateResult> {
            const olds = userProps(oldRaw);
            const news = userProps(newRaw);
            await withAdmin(news, "update", async (admin) => {
                if (!news.login) return applyAcls(admin, news);
                const newCredential = olds.password !== news.password || !(await admin.hasCredential(news.name));
                if (newCredential) await admin.setCredential(news.name, news.password);
                await applyAcls(admin, news);
                if (newCredential) await admin.waitForLogin(news.name, news.password);
            });
            return { outs: newRaw };
        },

        async delete(id, raw): Promise<void> {
            const user = userProps({ ...raw, name: id });
            await withAdmin(user, "delete", async (admin) => {
                await admin.deleteAllBindings(id);
                if (user.login && await admin.hasCredential(id)) await admin.deleteCredential(id);
            });
        },
    };
}
