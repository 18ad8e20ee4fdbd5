/** The value of `--stack <name>` among a script's arguments, or undefined when it is not given. */
export function stackArgument(argv: string[]): string | undefined {
    const index = argv.indexOf("--stack");
    return index >= 0 && argv[index + 1] ? argv[index + 1] : undefined;
}
