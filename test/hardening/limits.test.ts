import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { idFile, oneRestorePoint, splitRun, starterManifest } from "../support/split-run.js";
import { besideOwedSignOff, checkWith, mandatoryOf, where } from "./support.js";

/**
 * Issue 11, "limits that can be split or sidestepped": each case is judged by the starter pack (policies/,
 * the same as examples/policies/) against the example inventory (1,200 sites, 883 apps, one app per site).
 */
const EXAMPLES = fileURLToPath(new URL("../../examples", import.meta.url));
const STARTER = fileURLToPath(new URL("../../policies", import.meta.url));

/** The examples with the starter pack, no manifest, and one restore point for every product (so site deletes are clean). */
const made: string[] = [];
// Removed after the file, not per test: the cases run concurrently, and a per-test hook cannot tell them apart.
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function starterRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "blastgate-limits-"));
  made.push(dir);
  const root = path.join(dir, "repo");
  cpSync(EXAMPLES, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}manifests`) });
  cpSync(STARTER, path.join(root, "policies"), { recursive: true });
  const catalog = path.join(root, "policies/catalog.yaml");
  writeFileSync(catalog, oneRestorePoint(readFileSync(catalog, "utf8")).replace("# inventory: inventory/objects.ndjson", "inventory: inventory/objects.ndjson"));
  return root;
}

function put(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const ids = idFile;
const manifest = starterManifest;

/** Writes the split run's files into the repository; returns its manifests. */
function putSplitRun(root: string): string[] {
  const files = splitRun();
  for (const [file, text] of Object.entries(files)) put(root, file, text);
  return Object.keys(files).filter((f) => f.startsWith("manifests/"));
}

describe.concurrent("a run split across manifests is still one run (blast-radius over the manifests of one change)", () => {
  it("37 manifests of 24 sites each, named on the command line: the 888 sites together break the starter pack's share and customer limits", async () => {
    const root = starterRepo();
    const files = putSplitRun(root);
    const o = await checkWith(["manifests/split/*.yaml"], root);
    expect(o.exit).toBe(1);
    const together = o.report.findings.filter((f) => f.messageId === "together");
    expect(together.map((f) => [f.ruleId, where(f.location), f.evidence.limit])).toEqual([
      ["customer-data-limits", "manifests/split/part-01.yaml:13:5", "maxCustomers"],
      ["customer-data-limits", "manifests/split/part-01.yaml:13:5", "maxShareOfKind"],
    ]);
    for (const f of together) expect(f.evidence.manifests).toEqual(files);
    const share = together.find((f) => f.evidence.limit === "maxShareOfKind")!;
    expect(share.message).toMatch(
      /^the 37 manifests of this change together: destroys 888 of all 1,200 site objects \(74%\); the limit is 2% of a kind; each stays under the limit alone, so the run was split: manifests\/split\/part-01\.yaml, /,
    );
    expect(share.message).toContain("manifests/split/part-37.yaml");
    expect(share.evidence).toMatchObject({ kind: "site", count: 888, of: 1200 });
    // Nothing else: each manifest alone passes.
    expect(mandatoryOf(o).filter(([, id]) => id !== "together")).toEqual([]);
  });

  it("--changed names the change: two of the 37 manifests (48 sites, 48 customers) are judged together, in a whole-tree run", async () => {
    const root = starterRepo();
    putSplitRun(root);
    const o = await checkWith(["--changed", "manifests/split/part-05.yaml", "--changed", "ids/split/part-09.txt"], root);
    expect(o.exit).toBe(1);
    expect(o.report.findings.filter((f) => f.messageId === "together").map((f) => [f.evidence.limit, f.evidence.manifests, f.evidence.count])).toEqual([
      ["maxCustomers", ["manifests/split/part-05.yaml", "manifests/split/part-09.yaml"], 48],
      ["maxShareOfKind", ["manifests/split/part-05.yaml", "manifests/split/part-09.yaml"], 48],
    ]);
  });

  it("a whole-tree run with neither paths nor --changed judges each manifest on its own (they ran at different times)", async () => {
    const root = starterRepo();
    putSplitRun(root);
    const o = await checkWith([], root);
    expect(o.exit).toBe(0);
    expect(besideOwedSignOff(o)).toEqual({ rest: [], owed: 74 });
  });

  it("a manifest naming a governed script, with no change given, is neither judged with the paths named nor summed with them", async () => {
    const root = starterRepo();
    put(root, "scripts/purge-sites.sh", "#!/bin/sh\n");
    put(root, "ids/a.txt", ids("site", 1, 24));
    put(root, "ids/b.txt", ids("site", 25, 24));
    put(root, "manifests/a.yaml", manifest({ name: "a", action: "delete-site", ids: "ids/a.txt" }));
    put(root, "manifests/b.yaml", manifest({ name: "b", action: "delete-site", ids: "ids/b.txt", scripts: ["scripts/purge-sites.sh"] }));
    const o = await checkWith(["manifests/a.yaml"], root);
    // Explicit paths judge those paths (issue 11): manifest-required does not bring b in.
    expect(o.report.plans.map((p) => p.manifest)).toEqual(["manifests/a.yaml"]);
    expect(o.exit).toBe(0);
    expect(besideOwedSignOff(o)).toEqual({ rest: [], owed: 2 });
  });

  it("an object named by two manifests is counted once", async () => {
    const root = starterRepo();
    put(root, "ids/same.txt", ids("site", 1, 24));
    put(root, "manifests/a.yaml", manifest({ name: "a", action: "delete-site", ids: "ids/same.txt" }));
    put(root, "manifests/b.yaml", manifest({ name: "b", action: "delete-site", ids: "ids/same.txt" }));
    const o = await checkWith(["manifests/a.yaml", "manifests/b.yaml"], root);
    expect(o.exit).toBe(0);
    expect(besideOwedSignOff(o)).toEqual({ rest: [], owed: 4 });
  });
});

describe.concurrent("objects destroyed with a target are checked like targets", () => {
  it("deleting a site whose app is protected, and holds an app of staging: identifier-kind's checkProtected and checkEnvironment, on the site's line", async () => {
    const root = starterRepo();
    const inv = path.join(root, "inventory/objects.ndjson");
    writeFileSync(
      inv,
      readFileSync(inv, "utf8").replace(
        '"id":"app-0002","kind":"app","tenant":"tenant-0002","customer":"customer-0002","environment":"production"',
        '"id":"app-0002","kind":"app","tenant":"tenant-0002","customer":"customer-0002","environment":"production","protected":true',
      ) + '{"id":"app-0999","kind":"app","tenant":"tenant-0002","customer":"customer-0002","environment":"staging","parent":"site-0002"}\n',
    );
    put(root, "ids/one-site.txt", "site-0001\nsite-0002\n");
    put(root, "manifests/one-site.yaml", manifest({ name: "one-site", action: "delete-site", ids: "ids/one-site.txt" }));
    const o = await checkWith(["manifests/one-site.yaml"], root);
    expect(o.exit).toBe(1);
    expect(mandatoryOf(o)).toEqual([
      ["target-kind", "containedOtherEnvironment", "ids/one-site.txt:2:1"],
      ["target-kind", "containedProtected", "ids/one-site.txt:2:1"],
    ]);
    const messages = o.report.findings.map((f) => f.message);
    expect(messages).toContain("objects inside the targets are protected (in use or locked) and would be destroyed with them (1 of 3): 'app-0002' (app) in 'site-0002'");
    expect(messages).toContain("objects inside the targets belong to staging, not production, and would be destroyed with them (1 of 3): 'app-0999' (app) in 'site-0002'");
  });
});

describe.concurrent("identifiers the inventory does not hold", () => {
  it("5,000 app ids the inventory does not know: the starter pack requires them to be in it, and the plan never says 'at least 0'", async () => {
    const root = starterRepo();
    put(root, "ids/unknown-apps.txt", ids("app", 4000, 5000));
    const stages = `  rollout:
    stages:
      - { name: canary, count: 50, bake: 2h }
${[1, 2, 3, 4, 5].map((i) => `      - { name: wave-${i}, count: 990${i < 5 ? ", bake: 2h" : ""} }`).join("\n")}
`;
    put(root, "manifests/unknown.yaml", manifest({ name: "unknown-apps", action: "remove-app", ids: "ids/unknown-apps.txt", stages, rollback: "    restoreRate: 500/h\n    rto: 12h\n" }));
    const o = await checkWith(["manifests/unknown.yaml"], root);
    expect(o.exit).toBe(1);
    expect(mandatoryOf(o)).toEqual([["target-kind", "notInInventory", "ids/unknown-apps.txt:1:1"]]);
    const summary = String(o.report.plans[0]!.summary);
    expect(summary).not.toMatch(/at least 0/);
    expect(summary).toContain("5,000 apps of unknown customers (5,000 not in the inventory)");
  });
});

describe.concurrent("numbers are not taken on trust", () => {
  const safe = () => readFileSync(path.join(EXAMPLES, "manifests/remove-insight-safe.yaml"), "utf8");

  it("restoreRate 1000000000/s with rto 1s: faster than the drills measured for app, and the restore time is computed at the measured 500/h", async () => {
    const root = starterRepo();
    put(root, "manifests/fast.yaml", safe().replace("restoreRate: 500/h", "restoreRate: 1000000000/s").replace("rto: 4h", "rto: 1s"));
    const o = await checkWith(["manifests/fast.yaml"], root);
    expect(o.exit).toBe(1);
    expect(mandatoryOf(o)).toEqual([
      ["recoverable", "fasterThanMeasured", "manifests/fast.yaml:31:18"],
      ["recoverable", "restoreTooSlow", "manifests/fast.yaml:31:18"],
    ]);
    expect(besideOwedSignOff(o).rest.map((f) => f.message)).toEqual([
      "spec.rollback.restoreRate 1000000000/s is faster than the 500/h measured in restore drills for app (kinds.app.restoreRate in the catalog); the restore time is computed at 500/h",
      "restoring 883 targets at 500/h takes 1h45m58s, longer than the RTO of 1s",
    ]);
  });

  it("bake: 0 between a 1-target canary and an 882-target wave", async () => {
    const root = starterRepo();
    put(root, "manifests/no-bake.yaml", safe().replace(/ {4}stages:\n[\s\S]*?\n {2}rollback:/, "    stages:\n      - { name: canary, count: 1, bake: 0 }\n      - { name: wave, count: 882 }\n  rollback:"));
    const o = await checkWith(["manifests/no-bake.yaml"], root);
    expect(o.exit).toBe(1);
    expect(mandatoryOf(o)).toEqual([["bulk-limits", "minBake", "manifests/no-bake.yaml:24:41"]]);
    expect(o.report.findings[0]!.message).toBe("stage 'canary' bakes 0 before stage 'wave' starts (stage sizes 1 then 882); the minimum bake between stages is 1h");
  });

  it("the starter pack ships manifest-required: a changed script under scripts/ that no manifest names is blocked", async () => {
    const root = starterRepo();
    put(root, "scripts/purge-sites.sh", "#!/bin/sh\ncurl -X DELETE https://api.example.com/sites/$1\n");
    const o = await checkWith(["--changed", "scripts/purge-sites.sh"], root);
    expect(o.exit).toBe(1);
    expect(mandatoryOf(o)).toEqual([["scripts-need-manifests", "noManifest", "scripts/purge-sites.sh:1:1"]]);
  });

  it("the examples keep their verdicts under the starter pack: the safe manifest passes, the Atlassian one is blocked", async () => {
    const safeRun = await checkWith(["manifests/remove-insight-safe.yaml"], EXAMPLES);
    expect(safeRun.exit).toBe(0);
    expect(besideOwedSignOff(safeRun)).toEqual({ rest: [], owed: 2 });
    const legacy = await checkWith(["manifests/remove-insight-legacy.yaml"], EXAMPLES);
    expect(legacy.exit).toBe(1);
  });
});
