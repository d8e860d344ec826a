import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { besideOwedSignOff, check, problemsOf, where } from "./support.js";

/**
 * Issue 11, "Fail-open: a change that is never judged": path aliases, symbolic links, almost-manifests
 * and explicit paths, each run through the CLI as a child process on a copy of examples/ (whose legacy
 * manifest is blocked and whose safe manifest is allowed). The Action's side is test/action/fail-open.test.ts.
 */

const EXAMPLES = fileURLToPath(new URL("../../examples", import.meta.url));
const LEGACY = readFileSync(path.join(EXAMPLES, "manifests/remove-insight-legacy.yaml"), "utf8");
const SAFE = readFileSync(path.join(EXAMPLES, "manifests/remove-insight-safe.yaml"), "utf8");

/** A copy of examples/ without its manifests, plus these files and symbolic links (link -> target, as written). */
function tree(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "blastgate-fail-open-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const root = path.join(dir, "repo");
  cpSync(EXAMPLES, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}manifests`) });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  for (const [link, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
    symlinkSync(target, path.join(root, link));
  }
  return root;
}

const SITES = readFileSync(path.join(EXAMPLES, "ids/insight-sites.txt"), "utf8");
const withIds = (text: string, file: string) => text.replace(/file: ids\/insight-\w+\.txt/, `file: ${file}`);

describe("path aliases are refused where they are written (exit 2, file:line:column)", () => {
  const cases: [name: string, written: string, why: string][] = [
    ["a trailing slash", "ids/insight-apps.txt/", "a trailing /"],
    ["a backslash", "ids\\insight-apps.txt", "a backslash: paths use /"],
    ["a double slash", "ids//insight-apps.txt", "a double /"],
    ["a . segment", "ids/./insight-apps.txt", "a . or .. segment"],
    ["a .. segment that comes back", "ids/../ids/insight-apps.txt", "a . or .. segment"],
    ["a leading ./", "./ids/insight-apps.txt", "a . or .. segment"],
  ];
  for (const [name, written, why] of cases) {
    it(`identifiers.file with ${name}`, async () => {
      const root = tree({ "ops/m.yaml": withIds(SAFE, JSON.stringify(written)) });
      const o = await check("ops/m.yaml", { root });
      expect(o.exit).toBe(2);
      expect(problemsOf(o)).toEqual([["file", "ops/m.yaml:18:13", `identifier file ${written} is not written in its canonical form 'ids/insight-apps.txt' (${why}): write each path one way, as the repository lists it`]]);
    });
  }

  it("a metadata.scripts entry with a . segment", async () => {
    const root = tree({ "ops/m.yaml": SAFE.replace("scripts: [scripts/remove-app.sh]", "scripts: [scripts/./remove-app.sh]") });
    const o = await check("ops/m.yaml", { root });
    expect(o.exit).toBe(2);
    expect(problemsOf(o)).toEqual([
      ["schema", "ops/m.yaml:10:13", "metadata.scripts[0] 'scripts/./remove-app.sh' is not written in its canonical form 'scripts/remove-app.sh' (a . or .. segment): write each path one way, as the repository lists it"],
    ]);
  });

  it("the catalog's inventory with a trailing slash", async () => {
    const root = tree({ "ops/m.yaml": SAFE });
    const catalog = path.join(root, "policies/catalog.yaml");
    writeFileSync(catalog, readFileSync(catalog, "utf8").replace("inventory: inventory/objects.ndjson", "inventory: inventory/objects.ndjson/"));
    const o = await check("ops/m.yaml", { root });
    expect(o.exit).toBe(2);
    expect(problemsOf(o).find(([, at]) => at.startsWith("policies/catalog.yaml"))).toEqual([
      "file",
      "policies/catalog.yaml:7:12",
      "inventory inventory/objects.ndjson/ is not written in its canonical form 'inventory/objects.ndjson' (a trailing /): write each path one way, as the repository lists it",
    ]);
  });
});

describe("--changed selects what a change touches, through symbolic links too", () => {
  const manifests = (o: Awaited<ReturnType<typeof check>>) => (o.report as unknown as { manifests: string[] }).manifests;

  it("an identifier file reached through a link: a change to the file it points at re-judges the manifest", async () => {
    const root = tree({ "ops/linked.yaml": withIds(LEGACY, "ids/current.txt"), "ops/other.yaml": SAFE, "ids/insight-sites.txt": SITES }, { "ids/current.txt": "insight-sites.txt" });
    const o = await check(undefined, { root, args: ["--changed", "ids/insight-sites.txt"] });
    expect(manifests(o)).toEqual(["ops/linked.yaml"]);
    expect(o.exit).toBe(1);
  });

  it("a directory reached through a link", async () => {
    const root = tree({ "ops/linked.yaml": withIds(LEGACY, "current/insight-sites.txt"), "ops/other.yaml": SAFE }, { current: "ids" });
    const o = await check(undefined, { root, args: ["--changed", "ids/insight-sites.txt"] });
    expect(manifests(o)).toEqual(["ops/linked.yaml"]);
    expect(o.exit).toBe(1);
  });

  it("a manifest that is a link: a change to its target re-judges it", async () => {
    const root = tree({ "data/op.txt": LEGACY, "ops/other.yaml": SAFE }, { "ops/linked.yaml": "../data/op.txt" });
    const o = await check(undefined, { root, args: ["--changed", "data/op.txt"] });
    expect(manifests(o)).toEqual(["ops/linked.yaml"]);
    expect(o.exit).toBe(1);
  });

  it("an unrelated change judges nothing", async () => {
    const root = tree({ "ops/linked.yaml": withIds(LEGACY, "ids/current.txt"), "ops/other.yaml": SAFE }, { "ids/current.txt": "insight-sites.txt" });
    const o = await check(undefined, { root, args: ["--changed", "README.md"] });
    expect(manifests(o)).toEqual([]);
    expect(o.exit).toBe(0);
  });

  it("the inventory reached through a link: a change to its target re-judges every manifest", async () => {
    const root = tree({ "ops/a.yaml": SAFE, "ops/b.yaml": LEGACY, "data/objects.ndjson": readFileSync(path.join(EXAMPLES, "inventory/objects.ndjson"), "utf8") });
    rmSync(path.join(root, "inventory/objects.ndjson"));
    symlinkSync("../data/objects.ndjson", path.join(root, "inventory/objects.ndjson"));
    const o = await check(undefined, { root, args: ["--changed", "data/objects.ndjson"] });
    expect(manifests(o)).toEqual(["ops/a.yaml", "ops/b.yaml"]);
    expect(o.exit).toBe(1);
  });
});

describe("almost-manifests are judged or refused, never skipped (a whole-tree run)", () => {
  const variants: [name: string, file: string, text: string, exit: number][] = [
    ["kind: operation", "ops/x.yaml", LEGACY.replace("kind: Operation", "kind: operation"), 2],
    ["kind: OPERATION", "ops/x.yaml", LEGACY.replace("kind: Operation", "kind: OPERATION"), 2],
    ['kind: "Operation "', "ops/x.yaml", LEGACY.replace("kind: Operation", 'kind: "Operation "'), 2],
    ["kind: Operaton (misspelt)", "ops/x.yaml", LEGACY.replace("kind: Operation", "kind: Operaton"), 2],
    ["kinds: Operation", "ops/x.yaml", LEGACY.replace("kind: Operation", "kinds: Operation"), 2],
    ["apiVersion blastgate.dev with another kind", "ops/x.yaml", LEGACY.replace("kind: Operation", "kind: Deletion"), 2],
    ["an Operation's shape with no apiVersion or kind", "ops/x.yaml", LEGACY.replace("apiVersion: blastgate.dev/v1\n", "").replace("kind: Operation\n", ""), 2],
    ["a file ending .YAML", "ops/x.YAML", LEGACY, 1],
    ["a file ending .Yml", "ops/x.Yml", LEGACY, 1],
    ["a manifest under node_modules/", "node_modules/cleanup/op.yaml", LEGACY, 1],
  ];
  for (const [name, file, text, exit] of variants) {
    it(name, async () => {
      const root = tree({ [file]: text });
      const o = await check(undefined, { root });
      expect(o.exit).toBe(exit);
      expect((o.report as unknown as { manifests: string[] }).manifests).toEqual([file]);
      if (exit === 2) expect(o.report.problems.every((p) => p.location.file === file && p.location.line >= 1)).toBe(true);
      else expect(o.report.findings.filter((f) => f.enforcement === "hard-mandatory").length).toBeGreaterThan(0);
    });
  }

  it("the refusal of a case variant names the kind's line", async () => {
    const root = tree({ "ops/x.yaml": LEGACY.replace("kind: Operation", "kind: operation") });
    const o = await check(undefined, { root });
    expect(problemsOf(o)).toEqual([["schema", "ops/x.yaml:3:7", "kind 'operation' is not a Blastgate document kind (Operation, Catalog, Policy, Waiver or PolicyTest)"]]);
  });

  it("YAML that is not Blastgate's (a workflow, a Kyverno Policy) is left alone", async () => {
    const root = tree({
      "ops/x.yaml": SAFE,
      ".github/workflows/ci.yml": "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n",
      "k8s/policy.yaml": "apiVersion: kyverno.io/v1\nkind: Policy\nmetadata:\n  name: p\nspec:\n  rules: []\n",
      "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n",
    });
    const o = await check(undefined, { root });
    expect((o.report as unknown as { manifests: string[] }).manifests).toEqual(["ops/x.yaml"]);
    expect(o.exit).toBe(0);
  });
});

describe("explicit paths judge those paths", () => {
  it("manifest-required does not drag in, or fail on, manifests and scripts the paths do not name", async () => {
    // The starter pack (examples/policies) ships `scripts-need-manifests`: manifest-required over scripts/**.
    const root = tree({
      "ops/safe.yaml": SAFE,
      "ops/other.yaml": LEGACY,
      "scripts/remove-app.sh": "#!/bin/sh\n",
      "scripts/purge.sh": "#!/bin/sh\nrm -rf /srv/data\n",
    });
    const o = await check("ops/safe.yaml", { root });
    expect((o.report as unknown as { manifests: string[] }).manifests).toEqual(["ops/safe.yaml"]);
    expect(besideOwedSignOff(o).rest.map((f) => `${f.ruleId} ${where(f.location)}`)).toEqual([]);
    expect(o.exit).toBe(0);
    // The whole tree is still judged by a run without paths: the unnamed script and the legacy manifest block.
    const all = await check(undefined, { root });
    expect(all.exit).toBe(1);
    expect(all.report.findings.some((f) => f.location.file === "scripts/purge.sh")).toBe(true);
  });
});

describe("--changed with a directory, and with paths (outside test of issue 11, items 1 and 2)", () => {
  const manifests = (o: Awaited<ReturnType<typeof check>>) => (o.report as unknown as { manifests: string[] }).manifests;

  for (const dir of ["ids", "ids/", ".", "deep/link"]) {
    it(`--changed ${dir}: the directory stands for every file under it, so the manifest reading ids/ is judged`, async () => {
      const root = tree({ "ops/safe.yaml": withIds(SAFE, "deep/link/insight-apps.txt"), "ids/insight-apps.txt": SITES }, { "deep/link": "../ids" });
      const o = await check(undefined, { root, args: ["--changed", dir] });
      expect(manifests(o)).toEqual(["ops/safe.yaml"]);
      expect(o.exit).toBe(1);
    });
  }

  it("--changed ops (a directory of manifests): each manifest in it is judged", async () => {
    const root = tree({ "ops/a.yaml": SAFE, "ops/b.yaml": LEGACY });
    const o = await check(undefined, { root, args: ["--changed", "ops"] });
    expect(manifests(o)).toEqual(["ops/a.yaml", "ops/b.yaml"]);
    expect(o.exit).toBe(1);
  });

  it("a path plus --changed: both are judged, as one change", async () => {
    const root = tree({ "ops/a.yaml": SAFE, "ops/b.yaml": LEGACY, "ops/c.yaml": SAFE.replace("name: remove-insight-safe", "name: c") });
    const o = await check("ops/a.yaml", { root, args: ["--changed", "ops/b.yaml"] });
    expect(manifests(o)).toEqual(["ops/a.yaml", "ops/b.yaml"]);
    expect(o.exit).toBe(1);
  });
});
