/**
 * The shell commands a Markdown document shows, read the way a user copies them: each
 * ```bash block as a whole, and the commands written inline in the prose (`npm run …`,
 * `pulumi …`, `sudo bash …`). The README's test runs them, so the README cannot show a
 * command that does not work.
 */

export interface FencedBlock {
    /** The info string after the opening fence (`bash`, `yaml`), "" when there is none. */
    language: string;
    text: string;
}

/** The fenced blocks, in order (a fence closes only the block it opened), and the lines outside them. */
function parse(markdown: string): { blocks: FencedBlock[]; prose: string[] } {
    const blocks: FencedBlock[] = [];
    const prose: string[] = [];
    let open: { language: string; lines: string[] } | undefined;
    for (const line of markdown.split("\n")) {
        const fence = /^```(\w*)\s*$/.exec(line);
        if (!open) {
            if (fence) open = { language: fence[1]!, lines: [] };
            else prose.push(line);
        } else if (fence && fence[1] === "") {
            blocks.push({ language: open.language, text: open.lines.map((l) => `${l}\n`).join("") });
            open = undefined;
        } else {
            open.lines.push(line);
        }
    }
    return { blocks, prose };
}

export function fencedBlocks(markdown: string): FencedBlock[] {
    return parse(markdown).blocks;
}

/** The text of every ```bash block, in order. */
export function bashBlocks(markdown: string): string[] {
    return fencedBlocks(markdown).filter((block) => block.language === "bash").map((block) => block.text);
}

/** The ``` block (no language) right after the n-th ```bash block: what the command prints. */
export function outputAfter(markdown: string, blockIndex: number): string | undefined {
    const blocks = fencedBlocks(markdown);
    const bash = blocks.filter((block) => block.language === "bash");
    const next = blocks[blocks.indexOf(bash[blockIndex]!) + 1];
    return next && next.language === "" ? next.text : undefined;
}

/** The commands in one block: comments and blank lines dropped, continued lines joined. */
export function commandsOf(block: string): string[] {
    return block.replace(/\\\n\s*/g, "").split("\n")
        .map((line) => line.replace(/\s+#.*$/, "").replace(/^#.*$/, "").trim())
        .filter((line) => line !== "");
}

const COMMAND_START = /^(npm (run|test)|pulumi |sudo |bash |source |docker )/;

/** Commands written in the prose as inline code, outside the ``` blocks. */
export function inlineCommands(markdown: string): string[] {
    const prose = parse(markdown).prose.join("\n");
    return [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim()).filter((text) => COMMAND_START.test(text));
}

/** The README section whose commands and program the outside-program e2e runs, in a folder of its own. */
export const OWN_PROGRAM_SECTION = "Use it from your own program";

/** The fenced blocks of one `## ` section, in order. */
export function sectionBlocks(markdown: string, heading: string): FencedBlock[] {
    const start = markdown.indexOf(`\n## ${heading}\n`);
    if (start < 0) return [];
    const end = markdown.indexOf("\n## ", start + 1);
    return fencedBlocks(markdown.slice(start, end < 0 ? undefined : end));
}
