/** Entry point of `npm run conformance -- --target URL …`. */
import { runConformCli } from './cli.ts';

process.exitCode = await runConformCli(process.argv.slice(2));
