// @vitest-environment happy-dom
/** The plan's pictures: parsed by Mermaid's own parser (the library GitHub draws them with), with the text's numbers in them. */
import mermaid from "mermaid";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mermaidLabel } from "../../src/report/escape.js";
import { toComment, toSummary, MAX_COMMENT_CHARS } from "../../src/report/markdown.js";
import { planPictures } from "../../src/report/mermaid.js";
import { LocalFiles } from "../../src/workspace/files.js";
import { runCheck } from "../../src/check/run.js";
import { MemoryFiles } from "../support/memory-files.js";
import { CATALOG, INVENTORY, ids, manifest } from "../support/fixtures.js";
import { ROOT } from "../action/harness.js";

const NOW = new Date("2026-11-24T00:00:00Z");

/** The diagrams in a Markdown text, in order. */
function diagramsIn(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

/** What a reader sees of a diagram's labels: Mermaid's entity codes decoded. */
const shown = (diagram: string) => diagram.replace(/#(\d+);/g, (_, c: string) => String.fromCodePoint(Number(c)));

async function parses(diagram: string): Promise<string> {
  const r = await mermaid.parse(diagram);
  return (r as { diagramType: string }).diagramType;
}

async function example(manifests: string[]) {
  return runCheck({ workspace: new LocalFiles(path.join(ROOT, "examples")), policiesDir: "policies", manifests, now: NOW });
}

describe("the Atlassian example's pictures", () => {
  it("the summary draws the rollout, what is destroyed and the restore points, each beside the same facts in text", async () => {
    const result = await example(["manifests/remove-insight-legacy.yaml"]);
    const summary = toSummary({ result, policySource: "base commit aaaaaaa" });
    const diagrams = diagramsIn(summary);
    expect(diagrams).toHaveLength(3);
    expect(await Promise.all(diagrams.map(parses))).toEqual(["flowchart-v2", "flowchart-v2", "gantt"]);
    const [rollout, destroyed, restore] = diagrams.map(shown) as [string, string, string];

    // One stage (no rollout): the whole run, 883 sites, 100%, marked with the canary finding.
    expect(rollout).toContain("1. the whole run<br/>883 sites (100%)<br/>⛔ one stage: runs over 50 must be staged (bulk-limits)");
    expect(rollout).toMatch(/class s0 finding/);
    expect(summary).toContain("- Stage 1 of 1, the whole run: 883 sites (100% of 883) (no staged rollout); one stage: runs over 50 must be staged (bulk-limits)");

    expect(destroyed).toContain("declared: app");
    expect(destroyed).toContain("resolved: 883 sites");
    expect(destroyed).toMatch(/class declared finding/);
    for (const p of ["jira", "confluence", "insight"]) expect(destroyed).toContain(`["${p}"]`);
    expect(summary).toContain("- Declared: app; resolved: 883 sites");
    expect(summary).toContain("- Products touched: confluence, insight, jira");

    // Jira and Confluence at 1h, Insight at 4h: 3h apart where the policy allows 0.
    expect(restore).toContain("jira: 1h back :milestone");
    expect(restore).toContain("insight: 4h back :milestone");
    expect(restore).toMatch(/spread 3h :crit/);
    expect(restore).toMatch(/allowed spread 0 :milestone/);
    expect(summary).toContain("- Restore points of the products in one site, counted back from the check: jira 1h, confluence 1h, insight 4h; spread 3h; the policy allows 0, so they are out of step");
  });

  it("the safe manifest's rollout has a node per stage with count and share, and edges with the bake", async () => {
    const result = await example(["manifests/remove-insight-safe.yaml"]);
    const pictures = planPictures(result.plans[0]!, result.findings);
    const rollout = pictures[0]!;
    expect(await parses(rollout.mermaid)).toBe("flowchart-v2");
    const drawn = shown(rollout.mermaid);
    expect(drawn).toContain(`s0["1. canary<br/>10 apps (1.1%)"]`);
    expect(drawn).toContain(`s1["2. wave-1<br/>400 apps (45.3%)"]`);
    expect(drawn).toContain(`s2["3. wave-2<br/>473 apps (53.6%)"]`);
    expect(drawn).toContain(`s0 -->|"bake 1d"| s1`);
    expect(drawn).toContain(`s1 -->|"bake 12h"| s2`);
    expect(rollout.facts).toEqual(["Stage 1 of 3, canary: 10 apps (1.1% of 883), then bake 1d", "Stage 2 of 3, wave-1: 400 apps (45.3% of 883), then bake 12h", "Stage 3 of 3, wave-2: 473 apps (53.6% of 883)"]);
  });
});

describe("findings on a stage", () => {
  const policy = `apiVersion: blastgate.dev/v1
kind: Policy
rules:
  - { id: small-canary, type: blast-radius, enforcement: hard-mandatory, with: { maxFirstStage: 2, minBake: 1h } }
  - { id: aligned, type: rpo-alignment, enforcement: advisory, with: { maxSpread: 30m } }
`;
  it("too large a canary and a missing or short bake are marked on the stage they apply to", async () => {
    const rollout = "  rollout:\n    stages:\n      - { name: canary, count: 5 }\n      - { name: wave, count: 10, bake: 10m }\n      - { name: rest, count: 5 }\n";
    const result = await runCheck({
      workspace: new MemoryFiles({ "policies/p.yaml": policy, "policies/catalog.yaml": CATALOG, "inventory.ndjson": INVENTORY, "ops/m.yaml": manifest({ action: "delete-site", kind: "site", identifiers: ids("s-", 1, 20), rollout }) }),
      policiesDir: "policies",
      manifests: ["ops/m.yaml"],
      now: NOW,
    });
    expect(result.problems).toEqual([]);
    const [pic, , restore] = planPictures(result.plans[0]!, result.findings);
    expect(await parses(pic!.mermaid)).toBe("flowchart-v2");
    const drawn = shown(pic!.mermaid);
    expect(drawn).toContain(`s0["1. canary<br/>5 sites (25%)<br/>⛔ no bake: at least 1h (small-canary)<br/>⛔ too large a canary: at most 2 (small-canary)"]`);
    expect(drawn).toContain(`s1["2. wave<br/>10 sites (50%)<br/>⛔ bake too short: 10m, at least 1h (small-canary)"]`);
    expect(drawn).toContain(`s0 -->|"no bake"| s1`);
    expect(drawn).toMatch(/class s0 finding\n/);
    expect(drawn).toMatch(/class s1 finding\n/);
    expect(drawn).not.toMatch(/class s2 finding/);
    expect(pic!.facts[0]).toBe("Stage 1 of 3, canary: 5 sites (25% of 20), then no bake; no bake: at least 1h (small-canary); too large a canary: at most 2 (small-canary)");
    // Jira 1h and Confluence 3h in one site: 2h apart, 30m allowed.
    expect(await parses(restore!.mermaid)).toBe("gantt");
    expect(shown(restore!.mermaid)).toMatch(/allowed spread 30m :active/);
    expect(restore!.facts).toEqual(["Restore points of the products in one site, counted back from the check: jira 1h, confluence 3h; spread 2h; the policy allows 30m, so they are out of step"]);
  });
});

describe("labels from manifests, the catalog and the inventory", () => {
  const hostile = [`x"] --> evil["pwned`, "a --> b", "%%{init: {'theme':'dark'}}%%", "<img src=x onerror=alert(1)>", 'click s0 href "https://evil.example"', "end", "x\nclick s0 call alert()", "`` ``` ``", "jira:1h ;#35;"];

  it.each(hostile)("%j stays plain text", async (name) => {
    const escaped = mermaidLabel(name);
    expect(escaped).toMatch(/^(?:[\p{L}\p{N} .,\-_/()+']|#\d+;)*$/u);
    expect(shown(escaped)).toBe(name.replace(/\n/g, " "));
  });

  it("a manifest, catalog and inventory full of them draws the same diagrams, with the names as text", async () => {
    const evil = hostile[0]!;
    // Kind and product names must be lowercase names (the catalog's schema); stage names and datastores are free text.
    const catalog = CATALOG.replace(
      "datastores: [confluence-db, media]",
      `datastores: [${hostile
        .slice(0, 5)
        .map((h) => JSON.stringify(h))
        .join(", ")}]`,
    );
    const inventory = INVENTORY;
    const rollout = `  rollout:\n    stages:\n      - { name: ${JSON.stringify(evil)}, count: 2, bake: 1h }\n      - { name: ${JSON.stringify(hostile[4])}, count: 1 }\n      - { name: ${JSON.stringify(hostile[2])}, count: 1 }\n      - { name: ${JSON.stringify(hostile[3])}, count: 1 }\n`;
    const m = manifest({ action: "delete-site", kind: "app", identifiers: ids("s-", 1, 5), rollout });
    const policy =
      "apiVersion: blastgate.dev/v1\nkind: Policy\nrules:\n  - { id: k, type: identifier-kind, enforcement: hard-mandatory }\n  - { id: r, type: rpo-alignment, enforcement: advisory, with: { maxSpread: 0 } }\n  - { id: b, type: blast-radius, enforcement: advisory, with: { maxFirstStage: 1 } }\n";
    const result = await runCheck({
      workspace: new MemoryFiles({ "policies/p.yaml": policy, "policies/catalog.yaml": catalog, "inventory.ndjson": inventory, "ops/m.yaml": m }),
      policiesDir: "policies",
      manifests: ["ops/m.yaml"],
      now: NOW,
    });
    expect(result.problems).toEqual([]);
    const summary = toSummary({ result });
    const diagrams = diagramsIn(summary);
    expect(diagrams).toHaveLength(3);
    expect(await Promise.all(diagrams.map(parses))).toEqual(["flowchart-v2", "flowchart-v2", "gantt"]);
    const all = diagrams.join("\n");
    // Only the lines Blastgate writes: no injected edge, click, directive, HTML or comment.
    expect(all).not.toMatch(/%%|<img|evil\[|--> b|"\]\s*-->|^\s*click/im);
    for (const d of diagrams)
      for (const line of d.split("\n"))
        expect(line).toMatch(
          /^(flowchart LR|gantt| {2}end| {2}(title|section|dateFormat|axisFormat|classDef|class|subgraph) .*| {2}[a-z0-9]+\[".*"\]| {2}[a-z0-9]+ -->\|"[^"]*"\| [a-z0-9]+(\[".*"\])?| {4}[a-z0-9]+\[".*"\]| {2}[^:\n]+ :(milestone|crit|done|active), [a-z0-9]+, \d+, (\d+|0s))$/,
        );
    const drawn = shown(all);
    expect(drawn).toContain(`1. ${evil}<br/>2 sites (40%)<br/>⛔ too large a canary: at most 1 (b)`);
    expect(drawn).toContain(`2. ${hostile[4]}<br/>1 site (20%)`);
    expect(drawn).toContain(`3. ${hostile[2]}<br/>1 site (20%)`);
    expect(drawn).toContain(`4. ${hostile[3]}<br/>1 site (20%)`);
    for (const h of hostile.slice(0, 5)) expect(drawn).toContain(`["${h}"]`);
  });
});

async function manyManifests(count: number) {
  const files: Record<string, string> = {
    "policies/p.yaml": "apiVersion: blastgate.dev/v1\nkind: Policy\nrules:\n  - { id: k, type: identifier-kind, enforcement: hard-mandatory }\n  - { id: r, type: rpo-alignment, enforcement: advisory, with: { maxSpread: 0 } }\n",
    "policies/catalog.yaml": CATALOG,
    "inventory.ndjson": INVENTORY,
  };
  const names = Array.from({ length: count }, (_, i) => `ops/m${String(i).padStart(2, "0")}.yaml`);
  for (const [i, f] of names.entries())
    files[f] = manifest({
      name: `m${i}`,
      action: "delete-site",
      kind: "site",
      identifiers: ids("s-", 1 + (i % 30), 10 + (i % 30)),
      rollout: "  rollout:\n    stages:\n      - { name: canary, count: 1, bake: 1h }\n      - { name: wave-1, count: 4, bake: 2h }\n      - { name: rest, count: 5 }\n",
    });
  const result = await runCheck({ workspace: new MemoryFiles(files), policiesDir: "policies", manifests: names, now: NOW });
  expect(result.problems).toEqual([]);
  expect(result.plans).toHaveLength(count);
  return { result, names };
}

describe("many manifests", () => {
  it("a 50-manifest pull request keeps the comment under GitHub's limit: diagrams go first, and the comment says so", async () => {
    const { result } = await manyManifests(50);
    const full = toSummary({ result });
    expect(diagramsIn(full)).toHaveLength(150);
    expect([...full].length).toBeGreaterThan(MAX_COMMENT_CHARS);

    const comment = toComment({ result, detailsUrl: "https://github.com/acme/ops/actions/runs/1" });
    expect([...comment].length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    const kept = diagramsIn(comment).length;
    expect(comment).toContain(`**Diagrams of ${50 - kept / 3} manifests left out** (over GitHub's size limit)`);
    // Rows go only once no diagram is left.
    if (/not shown here/.test(comment)) expect(kept).toBe(0);
  });

  it("with 30 manifests the comment drops diagrams but keeps every manifest's facts and findings", async () => {
    const { result, names } = await manyManifests(30);
    const comment = toComment({ result, detailsUrl: "https://github.com/acme/ops/actions/runs/1" });
    expect([...comment].length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    const kept = diagramsIn(comment).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(90);
    expect(comment).toContain(`**Diagrams of ${30 - kept / 3} manifests left out** (over GitHub's size limit)`);
    for (const f of names) expect(comment).toContain("`" + f + "`");
    expect(comment).not.toMatch(/not shown here/);
    expect(comment.match(/^- Stage 1 of 3, canary: 1 site/gm)).toHaveLength(30);
    expect(comment.match(/^\| ⚠️ advisory/gm)).toHaveLength(30);
  });
});
