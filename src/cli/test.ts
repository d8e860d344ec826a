import { parseArgs } from "node:util";
import { runPolicyTests } from "../policy-test/run.js";
import { policyTestText } from "../policy-test/text.js";
import { LocalFiles } from "../workspace/files.js";
import { commandArgs, EXIT, HELP_OPTION, nowOption, rootDir, toRepoPath, type Io } from "./io.js";

export const TEST_USAGE = `Usage: blastgate test [test files or directories...] [options]

Runs the cases of PolicyTest documents against the policies: each case judges one manifest
(a file, or written inline) and states the verdict and the rules that must fire.

Options:
  --policies <dir>     directory of Policy and Catalog YAML files (default: policies)
  --root <dir>         repository root; paths in documents are relative to it (default: .)
  --now <date>         evaluation time for cases that set no 'now' (default: now)
  --coverage           print, per rule, whether a passing case made it fire and one made it hold
  --min-coverage <N>   exit 1 when coverage is below N percent (implies --coverage)
  -h, --help           show this help

With no paths, every YAML file below <policies>/tests/ is read.

Exit status: 0 every case passed, 1 a case failed (or coverage is below --min-coverage),
2 usage error or bad input (a test file or policy that does not load).
`;

/** `blastgate test`: the policies' own test cases, with rule coverage. */
export async function test(argv: string[], io: Io): Promise<number> {
  const args = commandArgs(io, TEST_USAGE, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        policies: { type: "string" },
        root: { type: "string" },
        now: { type: "string" },
        coverage: { type: "boolean" },
        "min-coverage": { type: "string" },
        help: HELP_OPTION,
      },
    }),
  );
  if (typeof args === "number") return args;
  const { values, positionals } = args;
  let minCoverage: number | undefined;
  if (values["min-coverage"] !== undefined) {
    minCoverage = Number(values["min-coverage"]);
    if (values["min-coverage"].trim() === "" || !Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) {
      io.stderr(`blastgate: --min-coverage must be a percentage from 0 to 100, not '${values["min-coverage"]}'\n`);
      return EXIT.error;
    }
  }
  const now = nowOption(values.now, io);
  if (!now) return EXIT.error;
  const rooted = await rootDir(io.cwd, values.root);
  if ("error" in rooted) {
    io.stderr(`blastgate: ${rooted.error}\n`);
    return EXIT.error;
  }
  const { root } = rooted;
  const run = await runPolicyTests({
    workspace: new LocalFiles(root),
    policiesDir: values.policies === undefined ? "policies" : toRepoPath(values.policies, io.cwd, root),
    paths: positionals.map((p) => toRepoPath(p, io.cwd, root)),
    now,
  });
  const showCoverage = values.coverage === true || minCoverage !== undefined;
  io.stdout(policyTestText(run, { coverage: showCoverage, ...(minCoverage !== undefined ? { minCoverage } : {}) }));
  if (run.problems.length > 0) return EXIT.error;
  if (run.cases.some((c) => !c.pass)) return 1;
  return minCoverage !== undefined && run.coverage.exact < minCoverage ? 1 : 0;
}
