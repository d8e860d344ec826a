import { main } from "./main.js";

/** The process edge: anything unexpected is exit 2 with one line, never a stack trace (BLASTGATE_DEBUG=1 shows it). */
main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`blastgate: internal error, nothing was judged: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.BLASTGATE_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    process.exitCode = 2;
  },
);
