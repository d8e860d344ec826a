import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_LIMITS } from "../documents/limits.js";
import { YAML_FILE } from "../documents/manifest-like.js";
import { parseYaml } from "../documents/yaml.js";
import { LocalFiles } from "../workspace/files.js";
import { commandArgs, EXIT, HELP_OPTION, type Io } from "./io.js";

export const INIT_USAGE = `Usage: blastgate init [DIR]

Writes a starting point into DIR (default: the current directory):
  policies/catalog.yaml              a commented catalog: kinds, actions, products (replace with your own)
  policies/starter.yaml              the starter policy
  policies/tests/starter.yaml        its tests (blastgate test --coverage)
  .github/workflows/blastgate.yml    the workflow that runs the Action on pull requests
  ops/remove-stale-apps.yaml         an example manifest

If any of these files exists, or policies/ already holds a Catalog or a Policy (in a
file of any name), nothing is written (exit 1). Then:
  blastgate test --coverage && blastgate check
`;

/** The README's workflow (its Workflow section shows this text; test/cli/init.test.ts holds them equal). */
const WORKFLOW = `# Blastgate judges the manifests a pull request adds or changes, with the policies of its base commit.
# Make the job's check required (branch protection or a ruleset, check name: blastgate).
name: Blastgate
on:
  pull_request:          # no paths: filter, or a required check that never reports blocks the pull request
  pull_request_review:   # a review submitted, edited or dismissed re-judges the head commit
    types: [submitted, edited, dismissed]
  merge_group:           # merge queues check the queued merge commit too
  schedule:              # a nightly run notices waivers that expired
    - cron: "17 3 * * *"
permissions:
  contents: read         # check out the repository, read the policies at the base commit
  pull-requests: write   # list the changed files and reviews, write the one Blastgate comment
  checks: write          # write the approval record the runtime guard reads (blastgate/approval)
jobs:
  blastgate:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
      - uses: blastgate/blastgate@v0   # pin a release tag or a commit SHA
        with:
          policies: policies
  policy-tests:          # the policies' own cases (policies/tests/): every rule fires and holds in one
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
      - run: npx --yes blastgate@0 test --coverage --min-coverage 100
`;

const MANIFEST = `# A manifest travels with the maintenance script it governs: what it destroys, where, and how to undo it.
# blastgate check judges it against policies/; a pull request that adds or changes it is judged the same way.
apiVersion: blastgate.dev/v1
kind: Operation
metadata:
  name: remove-stale-apps
  description: Remove three apps nobody has opened in a year from the staging sites.
  ticket: OPS-1234                        # the ticket reviewers read the intent in
  requestedBy: example-org/ecosystem      # the team that wants it
  executedBy: example-org/site-platform   # the team that runs it
spec:
  environment: staging                    # one of the catalog's environments
  action: remove-app                      # an action the catalog defines...
  target:
    kind: app                             # ...named together with the kind it acts on
    identifiers: [app-0101, app-0102, app-0103]   # or { file: ids/apps.txt }, one per line
  deletion: { mode: soft, retention: 30d }
  rollback:
    strategy: undelete
    runbook: https://runbooks.example.com/apps/undelete
    restoreRate: 500/h
    rto: 1h
`;

/** Where the package's own starter pack lies: dist/cli.js and src/cli/init.ts both sit below the package root. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "blastgate") return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error("the blastgate package's policies/ directory cannot be found");
    dir = up;
  }
}

/** The Catalog and Policy documents already in DIR/policies/, whatever their files are called. */
async function existingPolicies(dir: string): Promise<{ file: string; kind: string }[]> {
  const ws = new LocalFiles(dir);
  const listed = await ws.list("policies").catch(() => [] as string[]);
  const out: { file: string; kind: string }[] = [];
  for (const file of listed.filter((f) => YAML_FILE.test(f))) {
    const text = await ws.readText(file, DEFAULT_LIMITS.maxDocumentBytes).catch(() => "");
    const parsed = parseYaml(file, text, DEFAULT_LIMITS);
    const kinds = parsed.documents.map((d) => (d.value as { kind?: unknown } | null)?.kind);
    // Text that does not parse is still a policy file when it says it is one: it would not load beside init's.
    if (parsed.problems.length > 0) kinds.push(...[...text.matchAll(/^kind:[ \t]*["']?(Catalog|Policy)\b/gm)].map((m) => m[1]));
    const kind = kinds.find((k): k is string => k === "Catalog" || k === "Policy");
    if (kind) out.push({ file, kind });
  }
  return out;
}

/** `blastgate init`: the files a repository needs to start, all or none. */
export async function init(argv: string[], io: Io): Promise<number> {
  const args = commandArgs(io, INIT_USAGE, () => parseArgs({ args: argv, allowPositionals: true, options: { help: HELP_OPTION } }));
  if (typeof args === "number") return args;
  if (args.positionals.length > 1) {
    io.stderr(`blastgate: init takes one directory, not ${args.positionals.length}\n\n${INIT_USAGE}`);
    return EXIT.error;
  }
  const dir = path.resolve(io.cwd, args.positionals[0] ?? ".");
  const pack = path.join(packageRoot(), "policies");
  const files: [string, string][] = [
    ["policies/catalog.yaml", readFileSync(path.join(pack, "catalog.yaml"), "utf8")],
    ["policies/starter.yaml", readFileSync(path.join(pack, "starter.yaml"), "utf8")],
    ["policies/tests/starter.yaml", readFileSync(path.join(pack, "tests/starter.yaml"), "utf8")],
    [".github/workflows/blastgate.yml", WORKFLOW],
    ["ops/remove-stale-apps.yaml", MANIFEST],
  ];
  const present = files.filter(([f]) => existsSync(path.join(dir, f))).map(([f]) => f);
  if (present.length > 0) {
    io.stderr(`blastgate: nothing written: ${present.join(", ")} already exist${present.length === 1 ? "s" : ""} in ${dir}\n`);
    return 1;
  }
  // A second Catalog, or a Policy beside the starter one, would leave a policies/ directory that does not load (or judges twice).
  const policies = await existingPolicies(dir);
  if (policies.length > 0) {
    io.stderr(`blastgate: nothing written: policies/ in ${dir} already holds ${policies.map((p) => `a ${p.kind} (${p.file})`).join(", ")}; init writes a Catalog and a Policy, and a second one would not load\n`);
    return 1;
  }
  try {
    for (const [f, text] of files) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), text, { flag: "wx" });
    }
  } catch (e) {
    io.stderr(`blastgate: cannot write into ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.error;
  }
  io.stdout(`Wrote into ${dir}:\n${files.map(([f]) => `  ${f}\n`).join("")}\nNext:\n  blastgate test --coverage   # the policy's cases, and which rules they exercise\n  blastgate check             # judge ops/remove-stale-apps.yaml\n`);
  return 0;
}
