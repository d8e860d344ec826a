import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_LIMITS } from "../documents/limits.js";
import type { Problem } from "../documents/problem.js";
import { toJson } from "../report/json.js";
import { COLOR, PLAIN, toText } from "../report/text.js";
import { discoverManifests } from "../workspace/discover.js";
import { LocalFiles } from "../workspace/files.js";
import { runCheck } from "../workspace/load.js";
import { VERSION } from "../version.js";

export const EXIT = { allowed: 0, blocked: 1, error: 2 } as const;

const USAGE = `Usage: blastgate check [manifest paths or globs...] [options]

Judges destructive-operation manifests against the policies and catalog.

Options:
  --policies <dir>   directory of Policy and Catalog YAML files (default: policies)
  --format <f>       text (default) or json
  --now <date>       evaluation time, ISO 8601, for reproducible runs (default: now)
  --root <dir>       repository root; paths in documents are relative to it (default: .)
  --output <file>    also write the JSON report to this file
  --color / --no-color
  -h, --help         show this help
  -v, --version      print the version

With no paths, every YAML file outside the policies directory that declares
kind: Operation is checked.

Exit status: 0 allowed, 1 blocked, 2 usage or input error.
`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        policies: { type: "string" },
        format: { type: "string" },
        now: { type: "string" },
        root: { type: "string" },
        output: { type: "string" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    io.stderr(`blastgate: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.error;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const [command, ...patterns] = positionals;
  if (command !== "check") {
    io.stderr(`blastgate: ${command === undefined ? "a command is required" : `unknown command '${command}'`}\n\n${USAGE}`);
    return EXIT.error;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") {
    io.stderr(`blastgate: --format must be text or json, not '${format}'\n`);
    return EXIT.error;
  }
  let now = new Date();
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.now) || Number.isNaN(now.getTime())) {
      io.stderr(`blastgate: --now must be an ISO 8601 date such as 2026-11-24 or 2026-11-24T12:00:00Z, not '${values.now}'\n`);
      return EXIT.error;
    }
  }
  const root = path.resolve(io.cwd, values.root ?? ".");
  const workspace = new LocalFiles(root);
  const policiesDir = values.policies === undefined ? "policies" : toRepoPath(values.policies, io.cwd, root);
  const discovery: Problem[] = [];
  const manifests = await discoverManifests(workspace, patterns.map((p) => toRepoPath(p, io.cwd, root)), policiesDir, discovery, DEFAULT_LIMITS.maxDocumentBytes);
  const result = await runCheck({ workspace, policiesDir, manifests, now });
  if (discovery.length > 0) {
    result.problems.unshift(...discovery);
    result.counts.problems = result.problems.length;
    result.verdict = "error";
  }
  const json = toJson(result, { version: VERSION, now });
  if (values.output) await writeFile(path.resolve(io.cwd, values.output), JSON.stringify(json, null, 2) + "\n");
  if (format === "json") io.stdout(JSON.stringify(json, null, 2) + "\n");
  else {
    const color = values["no-color"] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
    io.stdout(toText(result, color || io.env.FORCE_COLOR ? COLOR : PLAIN));
  }
  return EXIT[result.verdict];
}

/** Paths on the command line are relative to where the user stands; documents' paths to the root. */
function toRepoPath(p: string, cwd: string, root: string): string {
  if (/[*?[\]{}]/.test(p)) return p.replace(/\\/g, "/").replace(/^\.\//, "");
  const rel = path.relative(root, path.resolve(cwd, p));
  return rel.split(path.sep).join("/") || ".";
}
