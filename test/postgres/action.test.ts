import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_SHA, cleanup, commentsByBot, exampleRepo, HEAD_SHA, LEGACY, pull, pullRequestPayload, runAction, SAFE, startApi, treeOf, write } from "../action/harness.js";
import { freshDatabase, loadTable, ndjsonRows, postgresBlock, RO_PASSWORD, roUrl } from "./support.js";

afterEach(cleanup);

let database: string;
beforeAll(async () => {
  database = await freshDatabase("action");
  await loadTable(database, ndjsonRows(path.join(await exampleRepo(), "inventory/objects.ndjson")));
});

/** The example as a pull request whose catalog (base and head) names the Postgres inventory; `edit` changes the head. */
async function livePullRequest(manifests: string[], edit?: (ws: string) => Promise<void>) {
  const live = async (ws: string) => {
    const catalog = await readFile(path.join(ws, "policies/catalog.yaml"), "utf8");
    await write(ws, "policies/catalog.yaml", catalog.replace(/^inventory: .*\n/m, postgresBlock()));
  };
  const workspace = await exampleRepo([LEGACY, SAFE].filter((m) => !manifests.includes(m)));
  await live(workspace);
  const base = await exampleRepo(["manifests"]);
  await live(base);
  await edit?.(workspace);
  const p = pull();
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: await treeOf(base), [HEAD_SHA]: await treeOf(workspace) } });
  return { api, workspace, payload: pullRequestPayload(p) };
}

const SECRETS = [RO_PASSWORD, encodeURIComponent(RO_PASSWORD)];
function neverPrinted(...texts: string[]) {
  for (const t of texts) for (const s of SECRETS) expect(t).not.toContain(s);
}

describe("the Action against a live Postgres inventory (input inventory-url)", () => {
  it("blocks the Atlassian-style manifest as the file inventory does, and names the snapshot it judged against", async () => {
    const { api, workspace, payload } = await livePullRequest([LEGACY]);
    const run = await runAction({ api, workspace, payload, inputs: { "inventory-url": roUrl(database) } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", problems: "0" });
    const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
    expect(report.inventory).toMatchObject({ source: "postgres", table: "inventory.objects", rows: 2083 });
    expect(report.plans[0]).toMatchObject({ targets: 883, byKind: { site: 883 }, customers: 775, contained: { total: 883 } });
    expect(run.annotations).toContainEqual(expect.objectContaining({ file: "ids/insight-sites.txt", line: 3, message: expect.stringContaining("883 of 883 identifiers are site, not app") }));
    expect(run.summary).toMatch(/<sub>inventory: postgres inventory\.objects as of \d\d:\d\d:\d\dZ<\/sub>/);
    neverPrinted(run.stdout, run.summary, ...commentsByBot(api).map((c) => c.body), JSON.stringify(report));
  });

  it("the variable the catalog names serves too, when the input is empty", async () => {
    const { api, workspace, payload } = await livePullRequest([SAFE]);
    const run = await runAction({ api, workspace, payload, env: { BLASTGATE_INVENTORY_URL: roUrl(database) } });
    expect(run.stderr).toBe("");
    expect(run.outputs).toMatchObject({ verdict: "allowed", problems: "0" });
  });

  it("a pull request cannot change a live inventory: editing the old export beside a manifest raises no inventory-changed finding", async () => {
    const { api, workspace, payload } = await livePullRequest([SAFE], async (ws) => {
      const inv = await readFile(path.join(ws, "inventory/objects.ndjson"), "utf8");
      await write(ws, "inventory/objects.ndjson", inv.replaceAll('"kind":"site"', '"kind":"app"'));
    });
    const run = await runAction({ api, workspace, payload, inputs: { "inventory-url": roUrl(database) } });
    expect(run.stderr).toBe("");
    expect(run.outputs).toMatchObject({ verdict: "allowed", problems: "0" });
    expect(run.annotations.filter((a) => a.title?.includes("inventory-changed"))).toEqual([]);
  });

  it("fails closed when the database refuses the password, and the password is nowhere: log, summary, comment, report", async () => {
    const { api, workspace, payload } = await livePullRequest([SAFE]);
    const run = await runAction({ api, workspace, payload, inputs: { "inventory-url": roUrl(database, { password: `${RO_PASSWORD}-wrong` }) } });
    expect(run.code).toBe(2);
    expect(run.outputs).toMatchObject({ verdict: "error", problems: "1" });
    const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
    expect(report.findings).toEqual([]);
    expect(report.problems[0].message).toMatch(/refused the password for its user \(check the secret in the input inventory-url\); nothing was judged/);
    expect(run.summary).toContain("refused the password");
    neverPrinted(run.stdout, run.stderr, run.summary, ...commentsByBot(api).map((c) => c.body), JSON.stringify(report));
  });
});
