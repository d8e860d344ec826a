/**
 * Governance through the bundled Action against the fake GitHub API: overrides in approving reviews,
 * team membership read through the REST API, the digest binding across pushes, sign-off by intent,
 * governed scripts and waivers.
 */
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { GitHubApiInit, GitHubApiServer } from "../support/github-api.js";
import { BASE_SHA, cleanup, commentsByBot, exampleRepo, HEAD_SHA, LEGACY, pull, pullRequestPayload, runAction, SAFE, startApi, treeOf, write, type ActionRun } from "./harness.js";

afterEach(cleanup);

/** A soft-mandatory rule the safe manifest breaks (it names no change window), overridable by acme/sre and carol. */
const WINDOW_RULE = `  - id: change-window
    type: schema
    enforcement: soft-mandatory
    overrideTeams: [acme/sre]
    overrideUsers: [carol]
    with:
      message: name the change window
      schema: { properties: { metadata: { required: [changeWindow] } } }
`;
const policy = (rules: string) => `apiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: governance }\nrules:\n${rules}`;

const TEAMS = { "acme/sre": ["dave", "erin"], "acme/apps": ["alice", "frank"], "example-org/ecosystem": ["gina"], "example-org/site-platform": ["hank", "ivan"] };
const OVERRIDE = "Looks right.\n\nblastgate override change-window: agreed with the on-call in OPS-88\n";
/** An older head of the pull request with the same manifest and identifiers (only the README differs). */
const SAME_SHA = "c".repeat(40);
/** An older head whose manifest differs from head. */
const OLD_SHA = "d".repeat(40);

type ReviewInit = NonNullable<GitHubApiInit["reviews"]>[number];
const approve = (user: string, body = "", commit = HEAD_SHA): ReviewInit => ({ pull_number: 7, state: "APPROVED", user, body, commit_id: commit });

interface Fixture {
  api: GitHubApiServer;
  run: ActionRun;
  report: any;
  comment: string;
}

/**
 * A pull request adding the safe manifest, judged by the example policies plus `governance.yaml`
 * (on the base branch and unchanged at head). SAME_SHA is head with another README; OLD_SHA head
 * with another manifest description.
 */
async function judgeWith(opts: { rules?: string; policyFiles?: Record<string, string>; reviews?: ReviewInit[]; teams?: GitHubApiInit["teams"]; edit?: (ws: string) => Promise<void>; baseOnly?: string[]; inputs?: Record<string, string>; before?: (api: GitHubApiServer) => void }): Promise<Fixture> {
  const ws = await exampleRepo([LEGACY]);
  await write(ws, "policies/governance.yaml", policy(opts.rules ?? WINDOW_RULE));
  for (const [file, text] of Object.entries(opts.policyFiles ?? {})) await write(ws, file, text);
  await opts.edit?.(ws);
  const head = await treeOf(ws);
  const base = Object.fromEntries(Object.entries(head).filter(([f]) => !f.startsWith("manifests/") && !f.startsWith("scripts/")));
  const same = { ...head, "README.md": "an older head\n" };
  const old = { ...head, [SAFE]: head[SAFE]!.replace("Remove the deprecated standalone Insight app", "Remove the Insight app") };
  const p = pull();
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: base, [HEAD_SHA]: head, [SAME_SHA]: same, [OLD_SHA]: old }, reviews: opts.reviews ?? [], teams: opts.teams ?? TEAMS });
  opts.before?.(api);
  const run = await runAction({ api, workspace: ws, payload: pullRequestPayload(p), ...(opts.inputs ? { inputs: opts.inputs } : {}) });
  expect(run.stderr).toBe("");
  const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
  const comment = commentsByBot(api)[0]?.body ?? "";
  return { api, run, report, comment };
}

describe("overrides on the pull request", () => {
  it("an override by a member of an overrideTeams team is accepted, listed with who and why, and the step passes", async () => {
    const { api, run, report, comment } = await judgeWith({ reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "allowed", "soft-mandatory": "1", blocking: "0", overridden: "1", waived: "0" });
    const digest = report.digests.find((d: any) => d.subject === SAFE).digest;
    expect(report.overrides).toEqual([expect.objectContaining({ ruleId: "change-window", by: "dave", reason: "agreed with the on-call in OPS-88", status: "accepted", via: "acme/sre", manifest: SAFE, commit: HEAD_SHA, digest, reviewedDigest: digest })]);
    expect(report.findings.find((f: any) => f.ruleId === "change-window")).toMatchObject({ status: "overridden", override: { by: "dave", reason: "agreed with the on-call in OPS-88" } });

    // The lifted finding is a notice, not an error.
    expect(run.annotations.filter((a) => a.level === "error")).toEqual([]);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "notice", file: SAFE, title: "Blastgate: change-window (soft-mandatory, overridden)", message: "name the change window (metadata is missing 'changeWindow') (overridden by dave: agreed with the on-call in OPS-88)" }));

    for (const text of [comment, run.summary]) {
      expect(text.split("\n")[0]).toBe("✅ **Blastgate: allowed**: 1 manifest checked against the policies of the base commit aaaaaaa, no blocking findings (1 overridden)");
      expect(text).toContain("| ↷ soft-mandatory | ↷ overridden by &#64;dave: agreed with the on-call in OPS-88 |");
      expect(text).toMatch(/\| ✅ accepted \| &#64;dave \| `change-window` \| `manifests\/remove-insight-safe\.yaml` \| agreed with the on-call in OPS-88 \| via acme\/sre · `sha256:[0-9a-f]{12}` \|/);
      expect(text).toContain(`Content digest \`${digest.slice(0, 19)}\``);
    }
    // Membership was read through the REST API.
    expect(api.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain("GET /orgs/acme/teams/sre/memberships/dave 200");
    expect(api.violations).toEqual([]);
  });
});
