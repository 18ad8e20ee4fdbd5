/** `npm run review`: the PR review (review/command.ts says what it does and takes). */
import { reviewCommand } from "../review/command";

reviewCommand(process.argv).catch((error: unknown) => {
    process.stderr.write(`review: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
