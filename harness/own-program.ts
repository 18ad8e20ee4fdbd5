import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_DIR } from "./e2e-stack";
import { commandsOf, FencedBlock, OWN_PROGRAM_SECTION, sectionBlocks } from "./readme-commands";

const run = promisify(execFile);

/** What a doc's section on a program of one's own shows: its two blocks of commands and its programs. */
export interface OwnProgramSection {
    /** Run in this repository: builds the package and the plugin. */
    build: string[];
    /** Run in the program's folder: installs them and brings the program up. */
    install: string[];
    blocks: FencedBlock[];
}

/** The section of `doc` (a path in this repository) under `## heading`; by default the README's "Use it from your own program". */
export function ownProgramSection(doc = "README.md", heading = OWN_PROGRAM_SECTION): OwnProgramSection {
    const blocks = sectionBlocks(fs.readFileSync(path.join(PROJECT_DIR, doc), "utf8"), heading);
    const [build, install] = blocks.filter((block) => block.language === "bash").map((block) => commandsOf(block.text));
    return { build: build ?? [], install: install ?? [], blocks };
}

/** A README command as it runs here: `~/.cache/streamstack` is this run's cache. */
export function inThisCache(command: string): string {
    const cache = process.env.STREAMSTACK_CACHE ?? path.join(os.homedir(), ".cache", "streamstack");
    return command.replace(/~\/\.cache\/streamstack/g, cache);
}

/** A command of a program's install block as it runs here: this run's cache and stack name, and no prompt. */
export function asRunIn(command: string, stack: string): string {
    return inThisCache(command)
        .replace(/^pulumi stack init dev$/, `pulumi stack init ${stack}`)
        .replace(/^pulumi up$/, "pulumi up --yes --skip-preview");
}

/**
 * Runs the section's build commands in this repository, and gives the program a PULUMI_HOME of
 * its own (`env.PULUMI_HOME`) holding every plugin of this run's home but streamstack's: the
 * doc's `pulumi plugin install` then installs this build, as on a machine that never had it (the
 * CLI keeps an installed version as it is), and programs that run side by side never remove
 * each other's plugin.
 */
export async function buildPackageAsNew(section: OwnProgramSection, env: NodeJS.ProcessEnv): Promise<void> {
    for (const command of section.build) await run("bash", ["-c", inThisCache(command)], { cwd: PROJECT_DIR, env });
    const shared = path.join(process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"), "plugins");
    const own = path.join(env.PULUMI_HOME!, "plugins");
    fs.rmSync(env.PULUMI_HOME!, { recursive: true, force: true });
    fs.mkdirSync(own, { recursive: true });
    // A plugin is a folder the CLI lists only when it is a real one (a linked folder is skipped),
    // so each is a folder here with its files linked.
    const plugins = fs.readdirSync(shared, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith("resource-streamstack-"));
    for (const plugin of plugins) {
        fs.mkdirSync(path.join(own, plugin.name));
        for (const file of fs.readdirSync(path.join(shared, plugin.name))) fs.symlinkSync(path.join(shared, plugin.name, file), path.join(own, plugin.name, file));
    }
}

/** A program's folder of its own, with a state backend in it, and the pulumi CLI run there on its stack. */
export interface ProgramFolder {
    dir: string;
    env: NodeJS.ProcessEnv;
    pulumi(...args: string[]): Promise<{ stdout: string; stderr: string }>;
}

export function programFolder(stack: string): ProgramFolder {
    const dir = path.join(os.tmpdir(), stack);
    // Throwaway stacks use the empty passphrase, as the project's own do. The PULUMI_HOME is
    // filled by buildPackageAsNew, and goes with the folder.
    const env = { ...process.env, PULUMI_BACKEND_URL: `file://${dir}/state`, PULUMI_CONFIG_PASSPHRASE: "", PULUMI_HOME: path.join(dir, "pulumi-home") };
    return {
        dir,
        env,
        pulumi: (...args) => run("pulumi", [...args, "--stack", stack, "--non-interactive"], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }),
    };
}
