import path from "node:path";
import { stat } from "node:fs/promises";
import { parseDate } from "../documents/units.js";
import { repoPath } from "../documents/paths.js";

export const EXIT = { allowed: 0, blocked: 1, error: 2 } as const;

/** What a command may touch of the process: injected, so commands run in tests as they do from the shell. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Paths on the command line are relative to where the user stands; documents' paths to the root. */
export function toRepoPath(p: string, cwd: string, root: string): string {
  if (/[*?[\]{}]/.test(p)) return repoPath(p);
  const rel = path.relative(root, path.resolve(cwd, p));
  return rel.split(path.sep).join("/") || ".";
}

/** `--root` as a directory, or a message saying why not. */
export async function rootDir(cwd: string, given: string | undefined): Promise<{ root: string } | { error: string }> {
  const root = path.resolve(cwd, given ?? ".");
  return (await stat(root).then(
    (st) => st.isDirectory(),
    () => false,
  ))
    ? { root }
    : { error: `--root ${given ?? "."} is not a directory` };
}

/** Every command's -h/--help. */
export const HELP_OPTION = { type: "boolean", short: "h" } as const;

/** A command's parsed arguments, or its exit code when the usage was printed (0) or the arguments refused (2). */
export function commandArgs<T extends { values: { help?: boolean | undefined } }>(io: Io, usage: string, parse: () => T, command = /^Usage: (blastgate \S+)/m.exec(usage)?.[1] ?? "blastgate"): T | number {
  let args: T;
  try {
    args = parse();
  } catch (e) {
    io.stderr(`${command}: ${parseArgsMessage(e)} (${command} --help lists the options)\n`);
    return EXIT.error;
  }
  if (args.values.help) {
    io.stdout(usage);
    return 0;
  }
  return args;
}

/** One line for what node:util's parseArgs refused: `unknown option '--bogus'`, not its advice about positionals. */
export function parseArgsMessage(e: unknown): string {
  const err = e as Error & { code?: string };
  const option = /'(-[^' ]*)/.exec(err.message)?.[1];
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option '${option}'`;
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option && /argument missing/.test(err.message)) return `option '${option}' needs a value`;
  return err.message.split(/\.( |$)/)[0]!;
}

/** `--now`: the time to judge at (default: the current time); undefined, with the message written, when it is no date. */
export function nowOption(value: string | undefined, io: Io): Date | undefined {
  if (value === undefined) return new Date();
  const parsed = parseDate(value);
  if (parsed.ok) return parsed.value;
  io.stderr(`blastgate: --now must be an ISO 8601 date such as 2026-11-24 or 2026-11-24T12:00:00Z, not '${value}'\n`);
  return undefined;
}
