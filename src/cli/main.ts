import { check, CHECK_USAGE } from "./check.js";
import { init, INIT_USAGE } from "./init.js";
import { EXIT, type Io } from "./io.js";
import { test, TEST_USAGE } from "./test.js";
import { VERSION } from "../version.js";
import { GUARD_USAGE, guardMain } from "./guard.js";

export { EXIT, type Io } from "./io.js";

/** Each command parses its own options; a new one is a line here and a module of its own. */
const COMMANDS: Record<string, { run: (argv: string[], io: Io) => Promise<number>; usage: string; summary: string }> = {
  check: { run: check, usage: CHECK_USAGE, summary: "judge manifests against the policies (the gate)" },
  test: { run: test, usage: TEST_USAGE, summary: "run the policies' test cases (PolicyTest files), with --coverage" },
  init: { run: init, usage: INIT_USAGE, summary: "write a starter catalog, policy, tests, workflow and manifest" },
  guard: { run: (argv, io) => guardMain("guard", argv, io), usage: GUARD_USAGE, summary: "at execution: may this run (or stage) start now? one line per check" },
  run: { run: (argv, io) => guardMain("run", argv, io), usage: GUARD_USAGE, summary: "run a command on a stage's approved identifiers once the guard says go" },
  status: { run: (argv, io) => guardMain("status", argv, io), usage: GUARD_USAGE, summary: "a manifest's stages from the ledger: done, running, due, refused attempts" },
  mark: { run: (argv, io) => guardMain("mark", argv, io), usage: GUARD_USAGE, summary: "mark a stage that did not finish cleanly as done or to retry" },
};

const USAGE = `Usage: blastgate <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join("\n")}

  blastgate <command> --help   the command's options
  blastgate --version          print the version

${CHECK_USAGE}`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "-v" || first === "--version") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (first === "-h" || first === "--help") {
    io.stdout(USAGE);
    return 0;
  }
  const command = first !== undefined && Object.hasOwn(COMMANDS, first) ? COMMANDS[first]! : undefined;
  if (!command) {
    io.stderr(`blastgate: ${first === undefined ? "a command is required" : `unknown command '${first}'`}\n\n${USAGE}`);
    return EXIT.error;
  }
  return command.run(rest, io);
}
