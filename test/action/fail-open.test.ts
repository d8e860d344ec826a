import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_SHA, cleanup, EXAMPLES, exampleRepo, HEAD_SHA, NOW, pull, pullRequestPayload, ROOT, runAction, startApi, treeOf, write } from "./harness.js";
import type { PullFileState } from "../support/github-api.js";

/**
 * Issue 11, "Fail-open: a change that is never judged", end to end through the bundled Action: a pull
 * request that reaches a judged read through a symbolic link or a path alias, an almost-manifest, and
 * the CLI and the Action agreeing on which files of a tree are manifests. The CLI's side is
 * test/hardening/fail-open.test.ts.
 */

afterEach(cleanup);

const LEGACY = await readFile(path.join(EXAMPLES, "manifests/remove-insight-legacy.yaml"), "utf8");
const SAFE = await readFile(path.join(EXAMPLES, "manifests/remove-insight-safe.yaml"), "utf8");
const SITES = await readFile(path.join(EXAMPLES, "ids/insight-sites.txt"), "utf8");
const withIds = (text: string, file: string) => text.replace(/file: ids\/insight-\w+\.txt/, `file: ${file}`);

/** The examples without manifests, plus files and links (link -> target as written). */
async function workspaceOf(files: Record<string, string>, links: Record<string, string> = {}): Promise<string> {
  const ws = await exampleRepo(["manifests"]);
  for (const [file, text] of Object.entries(files)) await write(ws, file, text);
  for (const [link, target] of Object.entries(links)) {
    await rm(path.join(ws, link), { force: true });
    await mkdir(path.dirname(path.join(ws, link)), { recursive: true });
    await symlink(target, path.join(ws, link));
  }
  return ws;
}

/** A pull request whose head is `ws` and whose changed-file list is exactly `files`, as GitHub lists them. */
async function pullRequestRun(ws: string, files: PullFileState[]) {
  const p = pull({ files });
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: await treeOf(await exampleRepo(["manifests"])), [HEAD_SHA]: await treeOf(ws) } });
  const run = await runAction({ api, workspace: ws, payload: pullRequestPayload(p) });
  const report = JSON.parse(await readFile(run.outputs.report!, "utf8")) as { manifests: string[]; findings: { ruleId: string; enforcement: string }[]; problems: { location: { file: string; line: number }; message: string }[] };
  return { run, report };
}

const modified = (filename: string): PullFileState => ({ filename, status: "modified" });
const added = (filename: string): PullFileState => ({ filename, status: "added" });

describe("a pull request reaching a judged read through a link or an alias re-judges the manifest", () => {
  it("an identifier file named through a link: replacing the file it points at with site ids is judged and blocked", async () => {
    const ws = await workspaceOf({ "ops/m.yaml": withIds(SAFE, "ids/current.txt"), "ids/insight-apps.txt": SITES }, { "ids/current.txt": "insight-apps.txt" });
    const { run, report } = await pullRequestRun(ws, [modified("ids/insight-apps.txt")]);
    expect(report.manifests).toEqual(["ops/m.yaml"]);
    expect(run.log).toContain("  ops/m.yaml: its identifier file ids/current.txt is read through ids/insight-apps.txt, which changed");
    expect(run.code).toBe(1);
    expect(report.findings.some((f) => f.ruleId === "target-kind")).toBe(true);
  });

  it("a manifest that is a link: editing its target is judged and blocked", async () => {
    const ws = await workspaceOf({ "data/op.txt": LEGACY }, { "ops/m.yaml": "../data/op.txt" });
    const { run, report } = await pullRequestRun(ws, [modified("data/op.txt")]);
    expect(report.manifests).toEqual(["ops/m.yaml"]);
    expect(run.code).toBe(1);
  });

  it("a merged manifest whose identifier file has a trailing slash: changing the file re-judges it, and the alias is refused", async () => {
    const ws = await workspaceOf({ "ops/m.yaml": withIds(SAFE, "ids/insight-apps.txt/"), "ids/insight-apps.txt": SITES });
    const { run, report } = await pullRequestRun(ws, [modified("ids/insight-apps.txt")]);
    expect(report.manifests).toEqual(["ops/m.yaml"]);
    expect(run.code).toBe(2);
    expect(report.problems.map((p) => `${p.location.file}:${p.location.line} ${p.message}`)).toEqual([
      "ops/m.yaml:18 identifier file ids/insight-apps.txt/ is not written in its canonical form 'ids/insight-apps.txt' (a trailing /): write each path one way, as the repository lists it",
    ]);
  });

  it("the inventory behind a link: editing its target together with a manifest is the hard-mandatory inventory-changed finding", async () => {
    const inventory = await readFile(path.join(EXAMPLES, "inventory/objects.ndjson"), "utf8");
    const ws = await workspaceOf({ "ops/m.yaml": SAFE, "data/objects.ndjson": inventory }, { "inventory/objects.ndjson": "../data/objects.ndjson" });
    const { run, report } = await pullRequestRun(ws, [modified("data/objects.ndjson"), added("ops/m.yaml")]);
    expect(report.findings.filter((f) => f.ruleId === "blastgate/inventory-changed").map((f) => f.enforcement)).toEqual(["hard-mandatory"]);
    expect(run.code).toBe(1);
  });
});

describe("a policy file that is a link", () => {
  it("editing its target is reported as a policy change (judged by the base's policies, applied once merged)", async () => {
    const starter = await readFile(path.join(EXAMPLES, "policies/starter.yaml"), "utf8");
    const ws = await workspaceOf({ "shared/starter.yaml": starter.replace("enforcement: hard-mandatory", "enforcement: advisory") }, { "policies/starter.yaml": "../shared/starter.yaml" });
    const { run, report } = await pullRequestRun(ws, [modified("shared/starter.yaml")]);
    expect(report.findings.filter((f) => f.ruleId === "blastgate/policy-changed").length).toBe(1);
    expect(run.summary).toContain("changes the policies (policies/starter.yaml)");
  });
});

describe("almost-manifests in a pull request are judged or refused", () => {
  const cases: [name: string, file: string, text: string, exit: number][] = [
    ["a manifest ending .YAML", "ops/x.YAML", LEGACY, 1],
    ["kind: operation", "ops/x.yaml", LEGACY.replace("kind: Operation", "kind: operation"), 2],
    ["kinds: Operation", "ops/x.yaml", LEGACY.replace("kind: Operation", "kinds: Operation"), 2],
    ["an Operation's shape with no apiVersion or kind", "ops/x.yaml", LEGACY.replace("apiVersion: blastgate.dev/v1\n", "").replace("kind: Operation\n", ""), 2],
  ];
  for (const [name, file, text, exit] of cases) {
    it(name, async () => {
      const ws = await workspaceOf({ [file]: text });
      const { run, report } = await pullRequestRun(ws, [added(file)]);
      expect(report.manifests).toEqual([file]);
      expect(run.code).toBe(exit);
    });
  }
});

describe("the CLI and the Action select the same manifests from the same tree", () => {
  const trees: [name: string, files: Record<string, string>][] = [
    ["the examples", { "manifests/a.yaml": SAFE, "manifests/b.yaml": LEGACY }],
    [
      "almost-manifests and look-alikes",
      {
        "ops/lower.yaml": LEGACY.replace("kind: Operation", "kind: operation"),
        "ops/upper.YAML": LEGACY,
        "ops/short.Yml": SAFE,
        "ops/kinds.yaml": LEGACY.replace("kind: Operation", "kinds: Operation"),
        "ops/shape.yaml": LEGACY.replace("apiVersion: blastgate.dev/v1\n", "").replace("kind: Operation\n", ""),
        "ops/flow.yaml": '{"apiVersion": "blastgate.dev/v1", "kind": "Operation", "metadata": {"name": "f"}}\n',
        "node_modules/cleanup/op.yaml": LEGACY,
        // An installed package's own policy files (Blastgate's starter pack): not this repository's, not manifests.
        "node_modules/blastgate/policies/catalog.yaml": "apiVersion: blastgate.dev/v1\nkind: Catalog\nmetadata:\n  name: c\n",
        "node_modules/blastgate/policies/tests/starter.yaml": "apiVersion: blastgate.dev/v1\nkind: PolicyTest\nmetadata:\n  name: t\n",
        "k8s/policy.yaml": "apiVersion: kyverno.io/v1\nkind: Policy\nmetadata:\n  name: p\n",
        "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
        ".github/workflows/ci.yml": "name: ci\non: push\n",
        "notes/readme.txt": "kind: Operation\n",
      },
    ],
  ];
  for (const [name, files] of trees) {
    it(name, async () => {
      const ws = await workspaceOf(files);
      let out: string;
      try {
        out = execFileSync(process.execPath, [path.join(ROOT, "bin/blastgate.js"), "check", "--format", "json", "--now", NOW], { cwd: ws, encoding: "utf8" });
      } catch (e) {
        out = (e as { stdout: string }).stdout;
      }
      const cli = (JSON.parse(out) as { manifests: string[] }).manifests;
      const api = await startApi({});
      const run = await runAction({ api, workspace: ws, payload: { after: HEAD_SHA }, event: "push" });
      const action = (JSON.parse(await readFile(run.outputs.report!, "utf8")) as { manifests: string[] }).manifests;
      const expected = Object.keys(files)
        .filter((f) => /\.ya?ml$/i.test(f) && !f.startsWith("k8s/") && !f.startsWith(".github/") && !f.startsWith("node_modules/blastgate/"))
        .sort();
      expect([...cli].sort()).toEqual(expected);
      expect([...action].sort()).toEqual(expected);
    });
  }
});
