/** Entry point for running the CLI from source (`tsx src/cli.ts …`). */
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2));
