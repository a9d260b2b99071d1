import 'reflect-metadata';
import { runCli } from './cli/run.js';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`vigie: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
