import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_SHA, cleanup, commentsByBot, exampleRepo, HEAD_SHA, LEGACY, pull, pullRequestPayload, runAction, SAFE, startApi, treeOf, write } from "./harness.js";

afterEach(cleanup);

const STARTER = "policies/starter.yaml";
const CATALOG = "policies/catalog.yaml";

/**
 * A pull request on a repository that already holds the example manifests: the base tree is the examples
 * with `base` applied, the head (the workspace) the examples with `head` applied.
 */
async function policyPull(edits: { base?: (ws: string) => Promise<void>; head?: (ws: string) => Promise<void> }) {
  const baseDir = await exampleRepo();
  await edits.base?.(baseDir);
  const workspace = await exampleRepo();
  await edits.base?.(workspace);
  await edits.head?.(workspace);
  const p = pull();
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: await treeOf(baseDir), [HEAD_SHA]: await treeOf(workspace) } });
  return { api, workspace, payload: pullRequestPayload(p) };
}

const replaceIn = (file: string, from: string, to: string) => async (ws: string) => {
  const text = await readFile(path.join(ws, file), "utf8");
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  await write(ws, file, text.replace(from, to));
};

const IMPACT = "### Policy-change impact";
const TABLE_HEAD = "| Manifest | Before → after | Findings added | Findings removed |";

/** The impact section of a summary or comment: from its heading to the next blank line after the table. */
function impactSection(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf(IMPACT);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > lines.indexOf(TABLE_HEAD, start) && l === "");
  return lines.slice(start, end < 0 ? undefined : end);
}

describe("a pull request that changes the policies", () => {
  it("that lowers maxTargets shows every existing manifest it newly blocks, in the summary and the comment", async () => {
    const { api, workspace, payload } = await policyPull({ head: replaceIn(STARTER, "maxTargets: 10000", "maxTargets: 500") });
    const run = await runAction({ api, workspace, payload });

    expect(run.stderr).toBe("");
    // Informational: the pull request touches no manifest, and it is judged by the base policies as before.
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe("allowed");
    const expected = [
      IMPACT,
      "",
      "⛔ **1 manifest newly blocked** by the new policies. 1 of 2 manifests changes verdict under the new policies (1 newly blocked); 1 more changes findings only.",
      "",
      "<sub>Every manifest in the repository judged under the policies of the base commit aaaaaaa and of this pull request; the verdict above does not depend on it.</sub>",
      "",
      TABLE_HEAD,
      "| --- | --- | --- | --- |",
      `| \`${LEGACY}\` | ⛔ blocked → unchanged | bulk-limits: destroys 883 targets; the limit is 500 (${LEGACY}:17) |  |`,
      `| \`${SAFE}\` | ✅ allowed → **⛔ blocked** | bulk-limits: destroys 883 targets; the limit is 500 (${SAFE}:17) |  |`,
    ];
    expect(impactSection(run.summary)).toEqual(expected);
    const [comment] = commentsByBot(api);
    expect(impactSection(comment!.body)).toEqual(expected);
    expect(run.log).toContain("policy-change impact: 1 of 2 manifests changes verdict under the new policies (1 newly blocked); 1 more changes findings only");
    const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
    expect(report.impact).toMatchObject({ before: "base commit aaaaaaa", after: "this pull request", compared: 2, total: 2, newlyBlocked: 1, newlyAllowed: 0, verdictChanges: 1 });
    expect(api.violations).toEqual([]);
  });

  it("that raises the limit shows the manifests it newly allows", async () => {
    const { api, workspace, payload } = await policyPull({ base: replaceIn(STARTER, "maxTargets: 10000", "maxTargets: 500"), head: replaceIn(STARTER, "maxTargets: 500", "maxTargets: 1000") });
    const run = await runAction({ api, workspace, payload });

    expect(run.code).toBe(0);
    const section = impactSection(run.summary);
    expect(section[2]).toBe("1 of 2 manifests changes verdict under the new policies (1 newly allowed); 1 more changes findings only.");
    expect(section).toContain(`| \`${SAFE}\` | ⛔ blocked → **✅ allowed** |  | bulk-limits: destroys 883 targets; the limit is 500 (${SAFE}:17) |`);
    expect(impactSection(commentsByBot(api)[0]!.body)).toEqual(section);
  });

  it("that changes only the catalog shows what the catalog change does", async () => {
    const { api, workspace, payload } = await policyPull({ head: replaceIn(CATALOG, "restoreRate: 500/h ", "restoreRate: 100/h ") });
    const run = await runAction({ api, workspace, payload });

    expect(run.code).toBe(0);
    const section = impactSection(run.summary);
    expect(section[2]).toBe("⛔ **1 manifest newly blocked** by the new policies. 1 of 2 manifests changes verdict under the new policies (1 newly blocked).");
    const row = section.find((l) => l.startsWith(`| \`${SAFE}\``));
    expect(row).toMatch(/^\| `manifests\/remove-insight-safe\.yaml` \| ✅ allowed → \*\*⛔ blocked\*\* \| recoverable: .*restoring 883 targets at 100\/h takes 8h49m48s, longer than the RTO of 4h/);
    expect(impactSection(commentsByBot(api)[0]!.body)).toEqual(section);
  });
});

describe("a pull request that changes no policy", () => {
  it("has no impact section, in the summary, the comment or the report", async () => {
    const { api, workspace, payload } = await policyPull({ head: replaceIn(SAFE, "ticket: OPS-2022-0401", "ticket: OPS-2022-0402") });
    const run = await runAction({ api, workspace, payload });

    expect(run.code).toBe(0);
    expect(run.summary).toContain(`### \`${SAFE}\``);
    expect(run.summary).not.toContain("Policy-change impact");
    expect(commentsByBot(api)[0]!.body).not.toContain("Policy-change impact");
    expect(JSON.parse(await readFile(run.outputs.report!, "utf8"))).not.toHaveProperty("impact");
  });
});
