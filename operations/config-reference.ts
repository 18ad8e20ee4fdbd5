/**
 * The configuration reference (docs/configuration.md), generated from the one contract the
 * validation uses: the settings interfaces of components/config/defaults.ts (each key's type
 * and its TSDoc) and the default values there (DEFAULTS, TOPIC_DEFAULTS, JOB_DEFAULTS), which
 * mergeWithDefaults takes as its schema. A key without a description, or a `@default` tag that
 * differs from the value the validation fills in, is a problem: the reference cannot drift
 * from the code, and neither can the TSDoc an editor shows.
 */
import * as ts from "typescript";
import { ConfigError, DEFAULTS, JOB_DEFAULTS, TOPIC_DEFAULTS, USER_DEFAULTS } from "../components/config";
import { resolveSettings } from "../components/platform/settings";

interface Property {
    name: string;
    type: string;
    description: string;
    /** The `@default` tag's text, when there is one. */
    defaultTag?: string;
}

interface Contract {
    interfaces: Map<string, Property[]>;
    /** Each interface's own TSDoc, by name. */
    interfaceDocs: Map<string, string>;
    /** Type aliases (`Target`) by name, as written. */
    aliases: Map<string, string>;
}

export interface Reference {
    markdown: string;
    /** What is missing or wrong in the contract; the reference is not to be written while any. */
    problems: string[];
}

const ROOT_INTERFACE = "PlatformSettings";
/** The defaults of one entry of each list key, as the parser fills them in. */
const ENTRY_DEFAULTS: Record<string, object> = { topics: TOPIC_DEFAULTS, users: USER_DEFAULTS, jobs: JOB_DEFAULTS };

function docOf(node: ts.Node): { description: string; defaultTag?: string } {
    const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
    const last = docs[docs.length - 1];
    if (!last) return { description: "" };
    const text = (comment: ts.JSDoc["comment"]) => (typeof comment === "string" ? comment : ts.getTextOfJSDocComment(comment) ?? "");
    const tag = last.tags?.find((t) => t.tagName.text === "default");
    return {
        description: text(last.comment).replace(/\s+/g, " ").trim(),
        defaultTag: tag ? text(tag.comment).trim() : undefined,
    };
}

function readContract(source: string): Contract {
    const file = ts.createSourceFile("defaults.ts", source, ts.ScriptTarget.Latest, true);
    const interfaces = new Map<string, Property[]>();
    const interfaceDocs = new Map<string, string>();
    const aliases = new Map<string, string>();
    for (const statement of file.statements) {
        if (ts.isInterfaceDeclaration(statement)) {
            interfaceDocs.set(statement.name.text, docOf(statement).description);
            interfaces.set(statement.name.text, statement.members.filter(ts.isPropertySignature).map((member) => ({
                name: member.name.getText(file),
                type: member.type?.getText(file) ?? "unknown",
                ...docOf(member),
            })));
        } else if (ts.isTypeAliasDeclaration(statement)) {
            aliases.set(statement.name.text, statement.type.getText(file));
        }
    }
    return { interfaces, interfaceDocs, aliases };
}

/** A free-form map (Spark conf, job args, ACLs): empty unless the stack file fills it. */
const isMap = (type: string) => /^Record<string,\s*string(\[\])?>$/.test(type);

/** The type as a stack file's author reads it. */
function typeText(type: string, contract: Contract): string {
    const alias = contract.aliases.get(type);
    if (alias) return alias.replace(/\s*\|\s*/g, " \\| ");
    if (type === "number") return "integer";
    if (type === "string[]") return "list of strings";
    if (/^Record<string,\s*string\[\]>$/.test(type)) return "map of string lists";
    if (isMap(type)) return "map of strings";
    return type;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");
const code = (value: unknown) => `\`${JSON.stringify(value)}\``;

/**
 * One row per key below `prefix` (as the table shows it; problems name the whole path,
 * `within` + key): nested settings objects are flattened (`checkpoint.size`), leaves checked
 * against their default.
 */
function rows(prefix: string, within: string, properties: Property[], defaults: Record<string, unknown> | undefined, contract: Contract, problems: string[]): string[] {
    const out: string[] = [];
    for (const property of properties) {
        const key = `${within}${prefix}${property.name}`;
        if (!property.description) problems.push(`${key}: no description (write a TSDoc comment on ${property.name})`);
        const nested = contract.interfaces.get(property.type);
        if (nested) {
            out.push(...rows(`${prefix}${property.name}.`, within, nested, defaults?.[property.name] as Record<string, unknown> | undefined, contract, problems));
            continue;
        }
        const hasDefault = defaults !== undefined && property.name in defaults;
        const value = hasDefault ? defaults[property.name] : isMap(property.type) ? {} : undefined;
        if (property.defaultTag !== undefined && value !== undefined && property.defaultTag !== JSON.stringify(value)) {
            problems.push(`${key}: @default ${property.defaultTag} but the validation fills in ${JSON.stringify(value)}`);
        }
        if (property.defaultTag === undefined && hasDefault) {
            problems.push(`${key}: defaults to ${JSON.stringify(value)}, which its TSDoc does not say (add @default ${JSON.stringify(value)})`);
        }
        if (property.defaultTag !== undefined && value === undefined) {
            problems.push(`${key}: @default ${property.defaultTag} but the validation has no default for it`);
        }
        out.push(`| \`${prefix}${property.name}\` | ${typeText(property.type, contract)} | ${value === undefined ? "—" : code(value)} | ${cell(property.description)} |`);
    }
    return out;
}

const HEADER = ["| key | type | default | meaning |", "|---|---|---|---|"];

/** The reference, from the text of components/config/defaults.ts checked against the defaults it exports. */
export function configReference(source: string): Reference {
    const contract = readContract(source);
    const problems: string[] = [];
    const root = contract.interfaces.get(ROOT_INTERFACE);
    if (!root) return { markdown: "", problems: [`no interface ${ROOT_INTERFACE} in the contract`] };
    const defaults = DEFAULTS as unknown as Record<string, unknown>;
    const sections: string[] = [];
    for (const property of root) {
        const key = property.name;
        if (!property.description && (contract.interfaces.has(property.type) || property.type.endsWith("[]"))) {
            problems.push(`${key}: no description (write a TSDoc comment on ${key})`);
        }
        const nested = contract.interfaces.get(property.type);
        const entry = /^(\w+)\[\]$/.exec(property.type)?.[1];
        const entryInterface = entry ? contract.interfaces.get(entry) : undefined;
        // A section says what the key is and, for an object or a list, what its type's own TSDoc adds.
        const typeDoc = contract.interfaceDocs.get(nested ? property.type : entry ?? "") ?? "";
        const about = nested || entryInterface ? [property.description, typeDoc].filter((text) => text !== "").join(" ") : "";
        const lines = [`## \`streamstack:${key}\``, "", ...(about ? [about, ""] : [])];
        if (nested) {
            lines.push(...HEADER, ...rows("", `${key}.`, nested, defaults[key] as Record<string, unknown>, contract, problems));
        } else if (entryInterface) {
            if (property.defaultTag !== undefined && property.defaultTag !== JSON.stringify(defaults[key])) {
                problems.push(`${key}: @default ${property.defaultTag} but the validation fills in ${JSON.stringify(defaults[key])}`);
            }
            const entryDefaults = ENTRY_DEFAULTS[key] as Record<string, unknown> | undefined;
            if (!entryDefaults) problems.push(`${key}: no entry defaults given for its list entries`);
            lines.push(`A list; when the key is absent: ${code(defaults[key])}. Each entry:`, "", ...HEADER,
                ...rows("", `${key}[].`, entryInterface, entryDefaults ?? {}, contract, problems).map((row) => row.replace(/^\| `/, "| `[].")));
        } else {
            lines.push(...HEADER, ...rows("", "", [property], defaults, contract, problems).map((row) => row.replace(/^\| `/, "| `streamstack:")));
        }
        sections.push(lines.join("\n"));
    }
    return { markdown: [PREAMBLE, ...sections].join("\n\n") + "\n", problems };
}

/** What preview prints for a stack file with three mistakes, from the validation itself. */
function exampleError(): string {
    try {
        resolveSettings({ spark: { coreMax: 4, executorMemory: "2gb" }, zookeeper: { replicas: 4 } });
    } catch (error) {
        if (error instanceof ConfigError) return `\`\`\`\nerror: ${error.message}\n\`\`\``;
        throw error;
    }
    throw new Error("the example stack config passed the validation");
}

const EXAMPLE_ERROR = exampleError();

const PREAMBLE = `# Configuration reference

<!-- Generated by \`npm run docs:config\` from components/config/defaults.ts (the settings'
TSDoc and the defaults the validation fills in); command B fails when this file is stale. -->

Every key is optional. A stack file (\`stacks/Pulumi.<stack>.yaml\`) names only what it changes,
and objects merge key by key: \`streamstack:zookeeper: { replicas: 5 }\` keeps \`heapMb: 256\`.

\`\`\`yaml
config:
  streamstack:zookeeper:
    replicas: 5
  streamstack:topics:
    - name: orders
      partitions: 12
      config: { retention.ms: "86400000" }
\`\`\`

Bad input fails \`pulumi preview\` before any resource is registered, with every problem at
once, each naming the key, the value and the fix. Besides each value's type and range, the
rules cover what would otherwise fail halfway through an \`up\`: port ranges of two groups
that overlap (member *i* publishes on base + *i*) or run past 65535, a bind address this
machine does not have, malformed image references, Spark's \`recoveryDir\` inside Kafka's
chroot (or either inside ZooKeeper's own \`/zookeeper\`), a checkpoint path that would hide the
image's directories (\`/opt\`, \`/opt/spark/...\`, \`/etc/...\`), topic names that collide in
Kafka's metric names (\`a.b\` vs \`a_b\`), a job beyond the cluster's limits. Each concept's
rules sit beside it (\`components/<concept>/rules.ts\`). For example:

${EXAMPLE_ERROR}

Where each setting lands: \`zoo.cfg\` (ensemble), \`server.properties\` (brokers; \`broker.id\`
and \`advertised.listeners\` come from the member ordinal at start), \`spark-defaults.conf\`
(recovery, scheduler limits, worker cleanup, authentication; read by masters, workers and
\`bash /etc/streamstack/spark-submit.sh\` inside them: \`spark-submit\` with the cluster's
secret), \`spark-env.sh\` (worker cores and memory). \`npm run graph\` and
\`test/golden/\` show them rendered.`;
