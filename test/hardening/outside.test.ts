import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { check, copyOfRepo, problemsOf } from "./support.js";

const BIN = fileURLToPath(new URL("../../bin/blastgate.js", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../../examples", import.meta.url));

/**
 * Findings of the outside test of issues 11 and 16 (second pass, /work/coord/notes/outside-11-16.md), each
 * run through the CLI as a child process on a copy of the hardening fixture repository (its catalog nests
 * an app in a site and lists the environments production and staging; manifests/good.yaml passes).
 */

/** The fixture inventory's lines, each changed by `edit` (row index from 0, the parsed row); written as NDJSON or CSV. */
function withInventory(edit: (row: Record<string, unknown>, i: number) => Record<string, unknown>, format: "ndjson" | "csv", finished: typeof onTestFinished): string {
  const root = copyOfRepo(finished);
  const rows = readFileSync(path.join(root, "inventory/objects.ndjson"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => edit(JSON.parse(l) as Record<string, unknown>, i));
  if (format === "ndjson") {
    writeFileSync(path.join(root, "inventory/objects.ndjson"), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    return root;
  }
  const columns = ["id", "kind", "tenant", "customer", "environment", "parent", "protected"];
  const csv = [columns.join(","), ...rows.map((r) => columns.map((c) => (r[c] === undefined ? "" : String(r[c]))).join(","))];
  writeFileSync(path.join(root, "inventory/objects.csv"), csv.join("\n") + "\n");
  const catalog = path.join(root, "policies/catalog.yaml");
  writeFileSync(catalog, readFileSync(catalog, "utf8").replace("inventory: inventory/objects.ndjson", "inventory: inventory/objects.csv"));
  return root;
}

describe.concurrent("inventory parents and environments are checked at their row (NDJSON and CSV alike)", () => {
  // Rows 0-9 are site-0001..site-0010 (lines 1-10), rows 10.. are app-0001.. (line 11 on), each app inside its site.
  const cases: [name: string, edit: (r: Record<string, unknown>) => Record<string, unknown>, row: number, message: string][] = [
    ["a parent naming an unknown id", (r) => (r.id === "app-0003" ? { ...r, parent: "site-9999" } : r), 12, "parent 'site-9999' is not an id in the inventory"],
    ["a parent of a kind the catalog does not nest it in", (r) => (r.id === "app-0003" ? { ...r, parent: "app-0004" } : r), 12, "parent 'app-0004' is an app; the catalog puts an app inside a site (kinds.app.parent)"],
    ["a parent for a kind the catalog nests in nothing", (r) => (r.id === "site-0005" ? { ...r, parent: "site-0004" } : r), 4, "a site is inside nothing in the catalog (kinds.site names no parent), but its parent is 'site-0004' (a site)"],
    ["an environment the catalog does not list", (r) => (r.id === "app-0003" ? { ...r, environment: "producton" } : r), 12, "environment 'producton' is not one of the catalog's environments (production, staging)"],
    [
      "an empty environment where the catalog lists environments",
      (r) => (r.id === "app-0003" ? { ...r, environment: "" } : r),
      12,
      "field 'environment' is empty; the catalog lists environments (production, staging), so each row names one",
    ],
  ];
  for (const format of ["ndjson", "csv"] as const) {
    for (const [name, edit, row, message] of cases) {
      it(`${format}: ${name}`, async ({ onTestFinished }) => {
        const root = withInventory(edit, format, onTestFinished);
        const o = await check("manifests/good.yaml", { root });
        expect(o.exit).toBe(2);
        // The CSV file has a header line before the rows.
        expect(problemsOf(o)).toEqual([["inventory", `inventory/objects.${format}:${row + (format === "csv" ? 2 : 1)}:1`, `malformed inventory row: ${message}`]]);
      });
    }
    it(`${format}: a parent cycle (a site inside its own app)`, async ({ onTestFinished }) => {
      const root = withInventory((r) => (r.id === "site-0005" ? { ...r, parent: "app-0005" } : r), format, onTestFinished);
      const o = await check("manifests/good.yaml", { root });
      expect(o.exit).toBe(2);
      const first = format === "csv" ? 6 : 5;
      expect(problemsOf(o)).toEqual([
        ["inventory", `inventory/objects.${format}:${first}:1`, "malformed inventory row: a site is inside nothing in the catalog (kinds.site names no parent), but its parent is 'app-0005' (an app)"],
        ["inventory", `inventory/objects.${format}:${first}:1`, "malformed inventory row: parent cycle: site-0005 → app-0005 → site-0005: an object cannot be inside itself"],
      ]);
    });
  }
});

describe("a file name that is not UTF-8", () => {
  it("is refused by what is wrong with it, and the other manifests are judged as usual (text and JSON)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "blastgate-outside-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(EXAMPLES, dir, { recursive: true });
    // The bytes a\x85b: 0x85 alone is not UTF-8. Node names such a file through a Buffer.
    const name = Buffer.concat([Buffer.from(path.join(dir, "manifests/a")), Buffer.from([0x85]), Buffer.from("b.yaml")]);
    writeFileSync(name, readFileSync(path.join(dir, "manifests/remove-insight-safe.yaml")));
    const run = (format: string) => spawnSync(process.execPath, [BIN, "check", "--policies", "policies", "--now", "2026-11-24", "--format", format], { cwd: dir, encoding: "utf8" });
    const text = run("text");
    expect(text.status).toBe(2);
    expect(text.stdout).toContain("manifests/a\uFFFDb.yaml: the file name is not valid UTF-8 (shown with \uFFFD for the bytes that are not): rename the file");
    expect(text.stdout).not.toContain("does not exist");
    expect(text.stdout).toContain("manifests/remove-insight-safe.yaml (remove-insight-safe)");
    expect(text.stdout).not.toContain("not fully judged");
    const json = JSON.parse(run("json").stdout) as { verdict: string; problems: { message: string; location: { file: string } }[] };
    expect(json.verdict).toBe("error");
    expect(json.problems.map((p) => [p.location.file, p.message])).toEqual([["manifests/a\uFFFDb.yaml", "manifests/a\uFFFDb.yaml: the file name is not valid UTF-8 (shown with \uFFFD for the bytes that are not): rename the file"]]);
  });
});

describe("a Catalog, Policy or Waiver outside the policies directory is refused at its line, not skipped (a whole-tree run)", () => {
  const WAIVER = `apiVersion: blastgate.dev/v1
kind: Waiver
metadata: { name: legacy-restore-points }
spec:
  manifest: remove-insight-legacy
  rules: [one-restore-point]
  reason: insight restore is being re-architected, see OPS-2022-0410
  owner: example-org/platform
  expires: 2026-12-31
`;
  const OPERATION = readFileSync(path.join(EXAMPLES, "manifests/remove-insight-legacy.yaml"), "utf8");
  const cases: [name: string, text: string, message: string][] = [
    ["a Waiver", WAIVER, "a Waiver is only read from the policies directory (policies/): this one, in ops/x.yaml, does nothing where it is; move it there"],
    [
      "a Catalog with an Operation's body",
      OPERATION.replace("kind: Operation", "kind: Catalog"),
      "a Catalog is only read from the policies directory (policies/): this one, in ops/x.yaml, does nothing where it is; move it there (it has an Operation's spec.action and spec.target: if it is meant as a manifest, write kind: Operation)",
    ],
    ["a Policy", "apiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: p }\nrules: []\n", "a Policy is only read from the policies directory (policies/): this one, in ops/x.yaml, does nothing where it is; move it there"],
  ];
  for (const [name, text, message] of cases) {
    it(name, async () => {
      const root = mkdtempSync(path.join(tmpdir(), "blastgate-outside-"));
      onTestFinished(() => rmSync(root, { recursive: true, force: true }));
      cpSync(EXAMPLES, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}manifests`) });
      cpSync(path.join(EXAMPLES, "manifests/remove-insight-safe.yaml"), path.join(root, "ops/safe.yaml"));
      writeFileSync(path.join(root, "ops/x.yaml"), text);
      const o = await check(undefined, { root });
      expect(o.exit).toBe(2);
      expect(problemsOf(o)).toEqual([["manifest", `ops/x.yaml:${text.split("\n").findIndex((l) => l.startsWith("kind:")) + 1}:7`, message]]);
    });
  }

  it("a Kyverno Policy is not Blastgate's: left alone", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "blastgate-outside-"));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    cpSync(EXAMPLES, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}manifests`) });
    cpSync(path.join(EXAMPLES, "manifests/remove-insight-safe.yaml"), path.join(root, "ops/safe.yaml"));
    writeFileSync(path.join(root, "ops/kyverno.yaml"), "apiVersion: kyverno.io/v1\nkind: Policy\nmetadata: { name: p }\nspec: { rules: [] }\n");
    const o = await check(undefined, { root });
    expect(o.exit).toBe(0);
  });
});
