import { parseArgs } from "node:util";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../documents/problem.js";
import type { GovernanceOptions } from "../check/governance.js";
import { parseCommits, parsePermissions, parseReviews, parseTeams, type Parsed } from "../governance/inputs.js";
import { StaticTeams } from "../governance/teams.js";
import { toJson } from "../report/json.js";
import { toJunit } from "../report/junit.js";
import { toSarif } from "../report/sarif.js";
import { COLOR, PLAIN, toText } from "../report/text.js";
import { inertJson, withoutCommands } from "../report/escape.js";
import { LocalFiles } from "../workspace/files.js";
import { GitFiles, runGit } from "../workspace/git.js";
import type { ChangedFile } from "../engine/change.js";
import { loadPolicies, runCheck, type CheckResult, type PolicyDocuments } from "../check/run.js";
import { policyImpact } from "../check/impact.js";
import { impactText } from "../report/impact.js";
import { DEFAULT_MANIFESTS, discoverManifests, selectChanged } from "../check/select.js";
import { liveInventory } from "../inventory/live.js";
import { inventoryFile } from "../resolve/catalog.js";
import { VERSION } from "../version.js";
import { commandArgs, EXIT, HELP_OPTION, nowOption, rootDir, toRepoPath, type Io } from "./io.js";

const FORMATS = ["text", "json", "sarif", "junit"];

export const CHECK_USAGE = `Usage: blastgate check [manifest paths or globs...] [options]

Judges destructive-operation manifests against the policies and catalog.

Options:
  --policies <dir>   directory of Policy and Catalog YAML files (default: policies)
  --format <f>       text (default), json, sarif (SARIF 2.1.0, for code scanning)
                     or junit (JUnit XML, for CI test reports)
  --now <date>       evaluation time, ISO 8601, for reproducible runs (default: now)
  --root <dir>       repository root; paths in documents are relative to it (default: .)
  --output <file>    also write the JSON report to this file
  --compare-policies <git ref>  also judge every manifest under the policies at
                     that commit and under the working tree's, and list each
                     manifest whose verdict or findings change
                     (ops/x.yaml: allowed -> blocked); the exit status stays
                     the check's own, 2 when the comparison cannot be made
  --inventory-url <url>  connection string of a Postgres inventory (default: the
                     variable the catalog's inventory.postgres.url names,
                     else BLASTGATE_INVENTORY_URL)

Reproducing a pull request's governance (overrides, approvals, manifest-required):
  --reviews <file>   the pull request's reviews, JSON as GitHub's API returns them,
                     each with its edit history (lastEditedAt, editor, userContentEdits)
  --permissions <file>  reviewers' permissions: a list of GitHub's answers to
                     GET /repos/{o}/{r}/collaborators/{user}/permission
  --commits <file>   { "commits": [...], "activity": [...] }: the pull request's
                     commits (each with its files) and the head branch's pushes
  --teams <file>     team memberships, JSON: { "org/team-slug": ["login", ...] }
  --author <login>   the pull request's author (required with --reviews)
  --org <org>        the repository's organisation, for teams written as a bare slug
  --changed <path>   a file the change touches (repeatable)
  --changed-files <file>  files the change touches, one path per line
  --color / --no-color
  -h, --help         show this help

With no paths, every manifest is checked: every YAML file (.yaml/.yml in any
letter case, node_modules/ included) outside the policies directory that is or
looks like a Blastgate Operation (a package's Catalog, Policy, Waiver or PolicyTest
files under node_modules/ are its own, and neither read nor refused). With --changed and no paths, the manifests the
change touches (as the Action selects them); a directory given to --changed
stands for every file under it. With paths, those paths only; with paths and
--changed, one change: the paths and the manifests the changed files touch,
judged together (blast-radius limits over all of them).

Exit status: 0 allowed, 1 blocked, 2 usage or input error.
`;

/** `blastgate check`: judges manifests against the policies. */
export async function check(argv: string[], io: Io): Promise<number> {
  const args = commandArgs(io, CHECK_USAGE, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        policies: { type: "string" },
        format: { type: "string" },
        now: { type: "string" },
        root: { type: "string" },
        output: { type: "string" },
        "compare-policies": { type: "string" },
        "inventory-url": { type: "string" },
        reviews: { type: "string" },
        permissions: { type: "string" },
        commits: { type: "string" },
        teams: { type: "string" },
        author: { type: "string" },
        org: { type: "string" },
        changed: { type: "string", multiple: true },
        "changed-files": { type: "string" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: HELP_OPTION,
      },
    }),
  );
  if (typeof args === "number") return args;
  const { values, positionals: patterns } = args;
  const format = values.format ?? "text";
  if (!FORMATS.includes(format)) {
    io.stderr(`blastgate: --format must be text, json, sarif or junit, not '${format}'\n`);
    return EXIT.error;
  }
  const now = nowOption(values.now, io);
  if (!now) return EXIT.error;
  if (values.reviews !== undefined && !values.author?.trim()) {
    io.stderr(`blastgate: --reviews needs --author <login>: the pull request's author, whose own reviews never approve or override\n`);
    return EXIT.error;
  }
  const rooted = await rootDir(io.cwd, values.root);
  if ("error" in rooted) {
    io.stderr(`blastgate: ${rooted.error}\n`);
    return EXIT.error;
  }
  const { root } = rooted;
  const workspace = new LocalFiles(root);
  const policiesDir = values.policies === undefined ? "policies" : toRepoPath(values.policies, io.cwd, root);
  const compare = values["compare-policies"] === undefined ? undefined : await comparedCommit(root, values["compare-policies"]);
  if (compare && "error" in compare) {
    io.stderr(`blastgate: --compare-policies ${compare.error}\n`);
    return EXIT.error;
  }
  const discovery: Problem[] = [];
  const governance = await governanceInputs(values, io.cwd, root, discovery);
  const {
    manifests,
    change,
    policies: selected,
  } = await selectManifests(
    workspace,
    governance,
    patterns.map((p) => toRepoPath(p, io.cwd, root)),
    policiesDir,
    discovery,
  );
  let policies = selected;
  const inventoryUrl = values["inventory-url"];
  const live = liveInventory({ ...(inventoryUrl ? { url: inventoryUrl, urlFrom: "--inventory-url" } : {}), env: io.env });
  if (compare) policies ??= await loadPolicies(workspace, policiesDir);
  const result = await runCheck({ workspace, policiesDir, manifests, now, governance, liveInventory: live, ...(change ? { change } : {}), ...(policies ? { policies } : {}), selectionProblems: discovery });
  if (compare) {
    const before = { source: new GitFiles(root, compare.sha), label: `${compare.ref} (commit ${compare.sha.slice(0, 7)})` };
    const every = await discoverManifests(workspace, [], policiesDir, []);
    result.impact = await policyImpact({ workspace, policiesDir, manifests: every, now, liveInventory: live, before, after: { source: workspace, label: "the working tree", ...(policies ? { policies } : {}) } });
  }
  if (!(await writeReports(result, now, format, values, io))) return EXIT.error;
  if (result.impact?.unavailable !== undefined) {
    // The comparison was asked for and could not be made: Blastgate cannot say what the policy change does.
    io.stderr(`blastgate: --compare-policies ${values["compare-policies"]}: not compared: ${withoutCommands(result.impact.unavailable)}\n`);
    return EXIT.error;
  }
  return EXIT[result.verdict];
}

/**
 * The manifests a check judges, and the change they make up. With --changed: the manifests the change
 * touches, by the Action's rule (a changed manifest, an identifier file, a file one is read through by a
 * symbolic link, the inventory). With paths: those paths (with --changed too: one change of both). With
 * neither: every manifest of the tree, each judged on its own (they ran at different times).
 */
async function selectManifests(
  workspace: LocalFiles,
  governance: GovernanceOptions,
  paths: string[],
  policiesDir: string,
  discovery: Problem[],
): Promise<{ manifests: string[]; change?: string[] | "judged" | "changed"; policies?: PolicyDocuments }> {
  // A directory named in a change means every file under it changed: never an empty change.
  if (governance.changedFiles !== undefined) governance.changedFiles = await withFilesUnder(workspace, governance.changedFiles);
  let manifests: string[] = [];
  let policies: PolicyDocuments | undefined;
  let touched: string[] | undefined;
  if (governance.changedFiles !== undefined) {
    policies = await loadPolicies(workspace, policiesDir);
    const files: ChangedFile[] = [];
    for (const f of governance.changedFiles) files.push({ filename: f, status: (await workspace.exists(f)) ? "modified" : "removed" });
    const selection = await selectChanged({ files, complete: true }, { workspace, globs: DEFAULT_MANIFESTS, policiesDir, inventoryPath: inventoryFile(policies.catalogs[0]?.doc.inventory) });
    discovery.push(...selection.problems);
    manifests = selection.manifests;
    touched = selection.touchedByChange;
  }
  if (paths.length > 0 || governance.changedFiles === undefined) {
    const named = await discoverManifests(workspace, paths, policiesDir, discovery);
    // Paths plus --changed: one change, the paths named and the manifests the changed files touch together.
    manifests = [...new Set([...named, ...manifests])];
    // Paths alone: the change is those manifests, so `manifest-required` judges no script of the rest of the tree.
    if (paths.length > 0 && governance.changedFiles === undefined) governance.changedFiles = named;
  }
  // Paths named (with or without --changed): the manifests judged are one change, and blast-radius limits also hold for them together.
  const change = paths.length > 0 ? "judged" : (touched ?? (governance.changedFiles !== undefined ? "changed" : undefined));
  return { manifests, ...(change ? { change } : {}), ...(policies ? { policies } : {}) };
}

/** The JSON report to --output, and the report in its format to stdout; false when --output cannot be written. */
async function writeReports(result: CheckResult, now: Date, format: string, values: { output?: string; color?: boolean; "no-color"?: boolean }, io: Io): Promise<boolean> {
  const json = toJson(result, { version: VERSION, now });
  if (values.output) {
    try {
      await writeFile(path.resolve(io.cwd, values.output), JSON.stringify(json, null, 2) + "\n");
    } catch (e) {
      // The verdict stands, but a CI step that reads the report must not find it missing silently.
      io.stderr(`blastgate: cannot write --output ${values.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return false;
    }
  }
  // CI logs (GitHub's runner) read workflow commands from stdout: no quoted file name or value may act as one.
  if (format === "json") io.stdout(inertJson(JSON.stringify(json, null, 2)) + "\n");
  else if (format === "sarif") io.stdout(inertJson(JSON.stringify(toSarif(result, { version: VERSION }), null, 2)) + "\n");
  else if (format === "junit") io.stdout(toJunit(result).replace(/##\[/g, "##&#91;"));
  else {
    const color = values["no-color"] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
    const style = color || io.env.FORCE_COLOR ? COLOR : PLAIN;
    const inert = (text: string) => text.split("\n").map(withoutCommands).join("\n");
    io.stdout(inert(toText(result, style)));
    if (result.impact) io.stdout(inert(impactText(result.impact, style)));
  }
  return true;
}

/** The commit a `--compare-policies` ref names in the repository at `root`, or why there is none. */
async function comparedCommit(root: string, ref: string): Promise<{ ref: string; sha: string } | { error: string }> {
  if (ref.trim() === "" || ref.startsWith("-")) return { error: `'${ref}' is not a git ref` };
  const repo = await runGit(root, ["rev-parse", "--git-dir"]);
  if (!repo.ok) return { error: `${ref}: ${root} is not in a git repository (${repo.error})` };
  const found = await runGit(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  const sha = found.stdout.trim();
  return found.ok && /^[0-9a-f]{40,64}$/.test(sha) ? { ref, sha } : { error: `${ref}: no such commit in the git repository at ${root}` };
}

/** The change's paths, each directory among them followed by every file under it (a directory named in a change means all of it changed). */
async function withFilesUnder(workspace: LocalFiles, paths: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const p of paths) {
    if (p !== ".") out.add(p);
    let under: string[];
    try {
      under = await workspace.list(p);
    } catch {
      continue; // a file, or a path the change removed
    }
    for (const f of under) out.add(f);
  }
  return [...out];
}

/** Reviews, teams and the change from files, so a policy author reproduces a pull request's verdict locally. */
async function governanceInputs(
  values: { reviews?: string; teams?: string; permissions?: string; commits?: string; author?: string; org?: string; changed?: string[]; "changed-files"?: string },
  cwd: string,
  root: string,
  problems: Problem[],
): Promise<GovernanceOptions> {
  const g: GovernanceOptions = { filesAt: (commit) => new GitFiles(root, commit), teams: new StaticTeams({}, "a --teams file (none was given)") };
  const text = async (file: string) => {
    try {
      return await readFile(path.resolve(cwd, file), "utf8");
    } catch (e) {
      problems.push({ code: "usage", message: `${file} cannot be read: ${(e as Error).message}`, location: { file, line: 1, column: 1 } });
      return undefined;
    }
  };
  if (values.author?.trim()) g.author = values.author.trim();
  if (values.org?.trim()) g.org = values.org.trim();
  /** A JSON input file, parsed: its problems reported, its value (when valid) handed on. */
  const input = async <T>(file: string | undefined, parse: (file: string, text: string) => Parsed<T>): Promise<T | undefined> => {
    if (file === undefined) return undefined;
    const t = await text(file);
    if (t === undefined) return undefined;
    const r = parse(file, t);
    problems.push(...r.problems);
    return r.value;
  };
  const reviews = await input(values.reviews, parseReviews);
  if (reviews) g.reviews = reviews;
  const permissions = await input(values.permissions, parsePermissions);
  if (permissions) g.permissions = permissions;
  const commits = await input(values.commits, parseCommits);
  if (commits) g.commits = commits;
  const teams = await input(values.teams, parseTeams);
  if (teams) g.teams = new StaticTeams(teams, `the --teams file ${values.teams}`);
  if (values.changed !== undefined || values["changed-files"] !== undefined) {
    const changed = (values.changed ?? []).map((p) => toRepoPath(p, cwd, root));
    if (values["changed-files"] !== undefined) {
      const t = await text(values["changed-files"]);
      // One path per line, repository-relative (as `git diff --name-only` prints them); blank lines ignored.
      if (t !== undefined)
        changed.push(
          ...t
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l !== ""),
        );
    }
    g.changedFiles = changed;
  }
  return g;
}
