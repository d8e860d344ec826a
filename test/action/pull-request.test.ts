import { execFileSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BASE_SHA, cleanup, commentsByBot, HEAD_SHA, LEGACY, MARKER, NOW, pullRequest, requestLines, ROOT, runAction, SAFE, TOKEN, treeOf, write } from "./harness.js";

afterEach(cleanup);

/** The same manifests judged by the CLI: the Action must point at exactly the same places. */
function cliFindings(workspace: string, manifests: string[]): { file: string; line: number; column: number; ruleId: string }[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(ROOT, "bin/blastgate.js"), "check", ...manifests, "--format", "json", "--now", NOW], { cwd: workspace, encoding: "utf8" });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { findings: { ruleId: string; location: { file: string; line: number; column: number } }[] }).findings.map((f) => ({ ...f.location, ruleId: f.ruleId }));
}

describe("a pull request", () => {
  it("with a safe manifest passes, and the comment says so", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    const run = await runAction({ api: api, workspace, payload });

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // No reviews yet: the starter pack's advisory intent-sign-off asks each team for its approval, as warnings.
    expect(run.annotations).toEqual([
      { level: "warning", title: "Blastgate: intent-sign-off (advisory)", file: SAFE, line: 8, col: 16, message: "the requesting and owning team example-org/ecosystem has 0 of 1 approval of this manifest as it is at head" },
      { level: "warning", title: "Blastgate: intent-sign-off (advisory)", file: SAFE, line: 9, col: 15, message: "the executing team example-org/site-platform has 0 of 1 approval of this manifest as it is at head" },
    ]);
    expect(run.outputs).toMatchObject({ verdict: "allowed", "hard-mandatory": "0", "soft-mandatory": "0", advisory: "2", problems: "0" });
    expect(run.outputs.report).toBe(path.join(run.runnerTemp, "blastgate-report.json"));
    const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
    expect(report).toMatchObject({ verdict: "allowed", manifests: [SAFE] });

    expect(run.summary.split("\n")[0]).toBe("✅ **Blastgate: allowed**: 1 manifest checked against the policies of the base commit aaaaaaa, no mandatory findings (2 advisory findings)");
    expect(run.summary).toContain("**883 to destroy: 883 app**");

    expect(api.state.comments).toHaveLength(1);
    const comment = api.state.comments[0]!;
    expect(comment.body.split("\n")[0]).toMatch(/^✅ \*\*Blastgate: allowed\*\*: 1 manifest checked/);
    expect(comment.body).toContain(MARKER);
    expect(run.log).toContain(`comment created: ${"https://github.com/acme/ops/pull/7#issuecomment-"}${comment.id}`);

    // Policies are read from the base commit; each thing is asked for once (the reads go out together,
    // so their order is the network's); the comment is written last; the workflow token is sent.
    const lines = requestLines(api);
    expect([...lines].sort()).toEqual(
      [
        "GET /repos/acme/ops/issues/7/comments?per_page=100 200",
        `GET /repos/acme/ops/contents/policies/catalog.yaml?ref=${BASE_SHA} 200`,
        `GET /repos/acme/ops/contents/policies/starter.yaml?ref=${BASE_SHA} 200`,
        `GET /repos/acme/ops/contents/policies?ref=${BASE_SHA} 200`,
        "GET /repos/acme/ops/pulls/7/files?per_page=100 200",
        "GET /repos/acme/ops/pulls/7/reviews?per_page=100 200",
        // The approval record the runtime guard reads (blastgate/approval on the head commit), written unless already there.
        `GET /repos/acme/ops/commits/${HEAD_SHA}/check-runs?check_name=blastgate%2Fapproval&filter=all&per_page=100 200`,
        "POST /repos/acme/ops/check-runs 201",
        "POST /repos/acme/ops/issues/7/comments 201",
      ].sort(),
    );
    expect(lines.at(-1)).toBe("POST /repos/acme/ops/issues/7/comments 201");
    expect(api.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(api.violations).toEqual([]);
  });

  it("with the Atlassian-style manifest is blocked, with annotations on the offending lines and the wrong kind named", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY]);
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", "hard-mandatory": "8", "soft-mandatory": "1", advisory: "2", problems: "0" });
    const errors = run.annotations.filter((a) => a.level === "error");
    expect(errors).toHaveLength(9);
    // Besides the errors, the two teams the starter pack's advisory intent-sign-off asks (no reviews yet).
    expect(run.annotations.filter((a) => a.level !== "error").map((a) => [a.level, a.title, a.line])).toEqual([
      ["warning", "Blastgate: intent-sign-off (advisory)", 8],
      ["warning", "Blastgate: intent-sign-off (advisory)", 9],
    ]);
    // The identifier file's first site id, and the `mode: hard` value.
    expect(errors[0]).toMatchObject({ file: "ids/insight-sites.txt", line: 3, col: 1, title: "Blastgate: target-kind (hard-mandatory)" });
    expect(errors[0]!.message).toMatch(/^883 of 883 identifiers are site, not app: 'site-0001' \(line 3\)/);
    expect(errors).toContainEqual(expect.objectContaining({ file: LEGACY, line: 20, col: 11, message: expect.stringContaining("hard delete") }));
    // Every annotation sits where the engine (as the CLI reports it) puts the finding (in the annotations' own order: one per rule and place first).
    const byPlace = (a: { file?: string | undefined; line?: number | undefined; column?: number | undefined; ruleId?: string | undefined }) => `${a.file}:${a.line}:${a.column}:${a.ruleId}`;
    expect(run.annotations.map((a) => byPlace({ file: a.file, line: a.line, column: a.col, ruleId: /: (\S+) \(/.exec(a.title!)![1] })).sort()).toEqual(cliFindings(workspace, [LEGACY]).map(byPlace).sort());
    // Hard-mandatory first.
    expect(errors.at(-1)!.title).toBe("Blastgate: one-restore-point (soft-mandatory)");

    const [first] = commentsByBot(api).map((c) => c.body.split("\n")[0]);
    expect(first).toMatch(/^⛔ \*\*Blastgate: blocked\*\*: 9 blocking findings in 1 manifest; first: 883 of 883 identifiers are site, not app/);
    for (const text of [commentsByBot(api)[0]!.body, run.summary]) {
      expect(text).toContain("**883 to destroy: 883 site** (the manifest declares app) · 883 app inside · 775 customers · production · **hard delete**");
      expect(text).toContain("883 of 883 identifiers are site, not app");
      expect(text).toContain("`ids/insight-sites.txt:3:1`");
    }
    expect(run.summary.split("\n")[0]).toBe(first);
    expect(run.log.at(-2)).toBe("BLOCKED: 9 mandatory findings in 1 manifest (exit 1)");
    expect(api.violations).toEqual([]);
  });

  it("updates its one comment on the next push instead of adding another, and leaves people's comments alone", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY], {
      init: {
        comments: [
          { issue_number: 7, body: "Please run this on staging first.", user: "carol" },
          { issue_number: 7, body: `quoting the bot:\n${MARKER}`, user: "mallory" },
        ],
      },
    });
    const first = await runAction({ api: api, workspace, payload });
    expect(first.code).toBe(1);
    expect(commentsByBot(api)).toHaveLength(1);
    const id = commentsByBot(api)[0]!.id;

    // The author fixes the manifest: the head now carries the safe version under the same name.
    await write(workspace, LEGACY, await readFile(path.join(ROOT, "examples", SAFE), "utf8"));
    api.state.files.set(HEAD_SHA, new Map(Object.entries(await treeOf(workspace))));
    api.reset();
    const second = await runAction({ api: api, workspace, payload });
    expect(second.code).toBe(0);
    expect(api.state.comments).toHaveLength(3);
    expect(commentsByBot(api)).toHaveLength(1);
    expect(commentsByBot(api)[0]).toMatchObject({ id, body: expect.stringMatching(/^✅ \*\*Blastgate: allowed\*\*/) });
    expect(api.state.comments.filter((c) => c.user.type !== "Bot").map((c) => c.body)).toEqual(["Please run this on staging first.", `quoting the bot:\n${MARKER}`]);
    expect(requestLines(api).filter((l) => !l.startsWith("GET"))).toEqual(["POST /repos/acme/ops/check-runs 201", `PATCH /repos/acme/ops/issues/comments/${id} 200`]);
    expect(second.log).toContain(`comment updated: https://github.com/acme/ops/pull/7#issuecomment-${id}`);

    // Nothing changed: nothing is written.
    api.reset();
    const third = await runAction({ api: api, workspace, payload });
    expect(third.code).toBe(0);
    expect(requestLines(api).filter((l) => !l.startsWith("GET"))).toEqual([]);
    expect(api.violations).toEqual([]);
  });

  it("with more findings than GitHub shows annotates the most severe and says where the rest are", async () => {
    const legacy = await readFile(path.join(ROOT, "examples", LEGACY), "utf8");
    const { api, workspace, payload } = await pullRequest([], {
      edit: async (ws) => {
        await write(ws, "manifests/a.yaml", legacy.replace("name: remove-insight-legacy", "name: cleanup-a"));
        await write(ws, "manifests/b.yaml", legacy.replace("name: remove-insight-legacy", "name: cleanup-b"));
      },
    });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ "hard-mandatory": "16", "soft-mandatory": "2" });
    const errors = run.annotations.filter((a) => a.level === "error");
    expect(errors).toHaveLength(10);
    expect(errors.every((a) => a.title!.endsWith("(hard-mandatory)"))).toBe(true);
    expect(run.annotations.filter((a) => a.level === "notice")).toEqual([expect.objectContaining({ message: "+8 more findings not annotated (GitHub shows 10 errors and 10 warnings per step): see the job summary" })]);
    expect(run.log).toContain("+8 more findings: see the job summary");
    // The job summary has them all.
    expect(run.summary.split("\n").filter((l) => /^\| ⛔ (hard|soft)-mandatory \|/.test(l))).toHaveLength(18);
    expect(api.violations).toEqual([]);
  });

  it("that weakens the policy is judged by the base branch's policy, and told so", async () => {
    const weakened = `apiVersion: blastgate.dev/v1
kind: Policy
metadata:
  name: starter
rules:
  - id: target-kind
    type: identifier-kind
    enforcement: advisory
`;
    const { api, workspace, payload } = await pullRequest([LEGACY], { edit: (ws) => write(ws, "policies/starter.yaml", weakened) });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", "hard-mandatory": "8", "soft-mandatory": "1", advisory: "3" });
    // The base's starter pack asks for sign-off (advisory, 2 teams); the one other warning says the policy changed.
    expect(run.annotations.filter((a) => a.title === "Blastgate: intent-sign-off (advisory)")).toHaveLength(2);
    expect(run.annotations.filter((a) => a.level === "warning" && a.title !== "Blastgate: intent-sign-off (advisory)")).toEqual([
      {
        level: "warning",
        title: "Blastgate: blastgate/policy-changed (advisory)",
        file: "policies/starter.yaml",
        line: 1,
        col: 1,
        message: "this pull request changes the policy file policies/starter.yaml: it is judged by the policies of the base commit aaaaaaa, and the change applies once merged",
      },
    ]);
    expect(run.summary).toContain("> This pull request changes the policies (policies/starter.yaml). It is judged by the policies of the base commit aaaaaaa; the changed policies apply once merged.");
    expect(commentsByBot(api)[0]!.body).toContain("blastgate/policy-changed");
    // Policies only ever come from the base commit.
    const contents = api.requests.filter((r) => r.operationId === "repos/get-content");
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.every((r) => r.query.ref === BASE_SHA)).toBe(true);
    expect(api.violations).toEqual([]);
  });

  it("that breaks a policy file fails, pointing at the broken line of its version", async () => {
    let broken = { line: 0, col: 0 };
    const { api, workspace, payload } = await pullRequest([SAFE], {
      edit: async (ws) => {
        const text = (await readFile(path.join(ws, "policies/starter.yaml"), "utf8")).replace("enforcement: hard-mandatory", "enforcement: mandatory-ish");
        const lines = text.split("\n");
        const i = lines.findIndex((l) => l.includes("mandatory-ish"));
        broken = { line: i + 1, col: lines[i]!.indexOf("mandatory-ish") + 1 };
        await write(ws, "policies/starter.yaml", text);
      },
    });
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(2);
    expect(run.outputs.verdict).toBe("error");
    expect(run.annotations.filter((a) => a.level === "error")).toContainEqual({
      level: "error",
      title: "Blastgate: input problem (schema)",
      file: "policies/starter.yaml",
      ...broken,
      message: "rules[0].enforcement must be one of 'advisory', 'soft-mandatory', 'hard-mandatory', not 'mandatory-ish' (in this pull request's version of policies/)",
    });
    expect(commentsByBot(api)[0]!.body.split("\n")[0]).toMatch(/^❌ \*\*Blastgate: error\*\*: could not judge 1 manifest: /);
    expect(api.violations).toEqual([]);
  });

  it("shortens a comment over GitHub's 65,536 characters instead of failing, and the summary keeps everything", async () => {
    const legacy = await readFile(path.join(ROOT, "examples", LEGACY), "utf8");
    const { api, workspace, payload } = await pullRequest([], {
      edit: async (ws) => {
        for (let i = 0; i < 30; i++) await write(ws, `manifests/cleanup-${String(i).padStart(2, "0")}.yaml`, legacy.replace("name: remove-insight-legacy", `name: cleanup-${i}`));
      },
    });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(1);
    const [comment] = commentsByBot(api);
    expect([...comment!.body].length).toBeLessThanOrEqual(65_536);
    expect(comment!.body).toMatch(/\*\*\d+ more findings? not shown here\*\* \(over GitHub's size limit\): see \[the job summary\]\(https:\/\/github\.com\/acme\/ops\/actions\/runs\/4242\)/);
    expect(comment!.body.split("\n")[0]).toMatch(/^⛔ \*\*Blastgate: blocked\*\*: 270 blocking findings in 30 manifests/);
    expect(comment!.body.trimEnd().endsWith(MARKER)).toBe(true);
    expect(run.summary.split("\n").filter((l) => /^\| ⛔ /.test(l))).toHaveLength(270);
    expect(api.violations).toEqual([]);
  });

  it("judges a changed manifest written as JSON (no `kind: Operation` line to spot)", async () => {
    const legacy = parse(await readFile(path.join(ROOT, "examples", LEGACY), "utf8")) as object;
    const { api, workspace, payload } = await pullRequest([], { edit: (ws) => write(ws, "manifests/cleanup.yaml", JSON.stringify(legacy, null, 1)) });
    const run = await runAction({ api: api, workspace, payload });
    expect(run.log).toContain("  manifests/cleanup.yaml: changed");
    expect(run.code).toBe(1);
    expect(run.outputs["hard-mandatory"]).toBe("8");
  });

  it("fails when the base branch has no policies yet, and says to merge them first", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    const base = api.state.files.get(BASE_SHA)!;
    for (const f of [...base.keys()]) if (f.startsWith("policies/")) base.delete(f);
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(2);
    expect(run.summary).toContain("> The base commit has no policies/ directory. Blastgate judges a pull request by its base branch's policies");
    expect(run.annotations[0]).toMatchObject({ level: "error", file: "policies", message: expect.stringContaining("policies does not exist in the base commit aaaaaaa") });
  });

  it("reports a manifest it cannot read as an input problem on its line, and fails", async () => {
    const { api, workspace, payload } = await pullRequest([], {
      edit: (ws) => write(ws, "manifests/broken.yaml", "apiVersion: blastgate.dev/v1\nkind: Operation\nmetadata: { name: broken\nspec: {}\n"),
    });
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(2);
    expect(run.outputs.verdict).toBe("error");
    expect(run.annotations[0]).toMatchObject({ level: "error", file: "manifests/broken.yaml", title: expect.stringContaining("input problem") });
    expect(run.annotations[0]!.line).toBeGreaterThan(1);
  });

  it("fails closed when the pull request's manifest is missing from the workspace (no checkout)", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    await rm(path.join(workspace, SAFE));
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(2);
    expect(run.annotations[0]).toMatchObject({
      level: "error",
      file: SAFE,
      message: `${SAFE} is changed by this pull request but is not in the workspace: check out the pull request (actions/checkout) before the Blastgate step`,
    });
  });

  it("judges a manifest whose identifier file changed", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE], {
      edit: async (ws) => write(ws, "ids/insight-apps.txt", (await readFile(path.join(ws, "ids/insight-apps.txt"), "utf8")).replace("app-0001", "site-0001")),
    });
    // The base already holds the manifest: only its identifier file changes.
    api.state.files.get(BASE_SHA)!.set(SAFE, await readFile(path.join(ROOT, "examples", SAFE), "utf8"));
    const run = await runAction({ api: api, workspace, payload });
    expect(run.log).toContain(`  ${SAFE}: its identifier file ids/insight-apps.txt changed`);
    expect(run.code).toBe(1);
    expect(run.annotations[0]).toMatchObject({ file: "ids/insight-apps.txt", line: 3, col: 1, title: "Blastgate: target-kind (hard-mandatory)" });
  });

  it("judges a manifest whose identifier file changed, whatever the file's name (ids.yml matches the manifest globs)", async () => {
    const manifestText = (await readFile(path.join(ROOT, "examples", SAFE), "utf8")).replace("file: ids/insight-apps.txt", "file: ids/insight-apps.yml");
    const ids = await readFile(path.join(ROOT, "examples", "ids/insight-apps.txt"), "utf8");
    const { api, workspace, payload } = await pullRequest([SAFE], {
      edit: async (ws) => {
        await write(ws, SAFE, manifestText);
        await write(ws, "ids/insight-apps.yml", ids.replace("app-0001", "site-0001"));
      },
    });
    // The base holds the manifest and the identifier file as they were: only the identifier file changes.
    api.state.files.get(BASE_SHA)!.set(SAFE, manifestText);
    api.state.files.get(BASE_SHA)!.set("ids/insight-apps.yml", ids);
    const run = await runAction({ api: api, workspace, payload });
    expect(run.log).toContain(`  ${SAFE}: its identifier file ids/insight-apps.yml changed`);
    expect(run.code).toBe(1);
    expect(run.annotations[0]).toMatchObject({ file: "ids/insight-apps.yml", line: 3, col: 1, title: "Blastgate: target-kind (hard-mandatory)" });
  });

  it("finds the manifest when it names its identifier file in another spelling (ids/./x.txt), and refuses the alias", async () => {
    const manifestText = (await readFile(path.join(ROOT, "examples", SAFE), "utf8")).replace("file: ids/insight-apps.txt", "file: ids/./insight-apps.txt");
    const { api, workspace, payload } = await pullRequest([SAFE], {
      edit: async (ws) => {
        await write(ws, SAFE, manifestText);
        await write(ws, "ids/insight-apps.txt", (await readFile(path.join(ws, "ids/insight-apps.txt"), "utf8")).replace("app-0001", "site-0001"));
      },
    });
    api.state.files.get(BASE_SHA)!.set(SAFE, manifestText);
    const run = await runAction({ api: api, workspace, payload });
    expect(run.log).toContain(`  ${SAFE}: its identifier file ids/insight-apps.txt changed`);
    expect(run.code).toBe(2);
    expect(run.annotations.map((a) => `${a.file}:${a.line} ${a.message}`)).toContainEqual(
      `${SAFE}:18 identifier file ids/./insight-apps.txt is not written in its canonical form 'ids/insight-apps.txt' (a . or .. segment): write each path one way, as the repository lists it`,
    );
  });

  it("judges every manifest when the inventory changes, and says so", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE, LEGACY], {
      edit: async (ws) => {
        const inv = await readFile(path.join(ws, "inventory/objects.ndjson"), "utf8");
        await write(ws, "inventory/objects.ndjson", inv + '{"id":"site-9999","kind":"site","tenant":"t","customer":"c","environment":"production"}\n');
      },
    });
    const base = api.state.files.get(BASE_SHA)!;
    for (const m of [SAFE, LEGACY]) base.set(m, await readFile(path.join(ROOT, "examples", m), "utf8"));
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(1);
    expect(JSON.parse(await readFile(run.outputs.report!, "utf8")).manifests).toEqual([LEGACY, SAFE]);
    expect(run.summary).toContain("> This change edits the inventory inventory/objects.ndjson, which every manifest resolves against: every manifest was checked");
    // Two teams per manifest owe the starter pack's advisory intent-sign-off (no reviews yet); the other warning is the inventory's.
    expect(run.annotations.filter((a) => a.title === "Blastgate: intent-sign-off (advisory)").map((a) => a.file)).toEqual([LEGACY, LEGACY, SAFE, SAFE]);
    expect(run.annotations.filter((a) => a.level === "warning" && a.title !== "Blastgate: intent-sign-off (advisory)")).toEqual([
      {
        level: "warning",
        title: "Blastgate: blastgate/inventory-changed (advisory)",
        file: "inventory/objects.ndjson",
        line: 1,
        col: 1,
        message: "this pull request changes the inventory inventory/objects.ndjson: every manifest was judged against the changed inventory, so review the inventory change itself (it decides what each identifier is)",
      },
    ]);
  });

  it("blocks a pull request that changes the inventory together with a run it judges (relabelling sites as apps cannot pass)", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY], {
      edit: async (ws) => {
        // The Atlassian script's site ids, made to look like app ids by the same pull request (the apps
        // they held unparented, else an app inside an app is refused as an inventory row).
        const inv = await readFile(path.join(ws, "inventory/objects.ndjson"), "utf8");
        await write(ws, "inventory/objects.ndjson", inv.replaceAll('"kind":"site"', '"kind":"app"').replace(/,"parent":"site-\d+"/g, ""));
      },
    });
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe("blocked");
    const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
    // The relabelled inventory hides the wrong kind...
    expect(report.findings.filter((f: { ruleType: string }) => f.ruleType === "identifier-kind")).toEqual([]);
    // ...and the change itself blocks.
    expect(run.annotations).toContainEqual({
      level: "error",
      title: "Blastgate: blastgate/inventory-changed (hard-mandatory)",
      file: "inventory/objects.ndjson",
      line: 1,
      col: 1,
      message: `this pull request changes the inventory inventory/objects.ndjson and, with it, a manifest judged against it (${LEGACY}): the inventory decides what each identifier is, so it cannot change in the same pull request as a run it judges. Merge the inventory change on its own first, reviewed by its owners; then this run is judged against it`,
    });
    expect(run.log).toContain(`  ${LEGACY}: changed`);
  });

  it("blocks an inventory change past the end of GitHub's list of changed files (3,000), found by comparing the file with the base's", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY], {
      edit: async (ws) => {
        for (let i = 0; i < 3000; i++) await write(ws, `aaa/f-${String(i).padStart(4, "0")}.txt`, `${i}\n`);
        const inv = await readFile(path.join(ws, "inventory/objects.ndjson"), "utf8");
        await write(ws, "inventory/objects.ndjson", inv.replaceAll('"kind":"site"', '"kind":"app"').replace(/,"parent":"site-\d+"/g, ""));
      },
    });
    const run = await runAction({ api: api, workspace, payload });
    expect(run.log).toContain("3000 changed files (as many as GitHub lists: there may be more)");
    expect(run.log).toContain("the inventory inventory/objects.ndjson differs from the base commit's (it is past the end of GitHub's list of changed files)");
    expect(run.code).toBe(1);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: "error",
        title: "Blastgate: blastgate/inventory-changed (hard-mandatory)",
        file: "inventory/objects.ndjson",
        message: expect.stringMatching(/^this pull request changes the inventory inventory\/objects\.ndjson, and GitHub lists only part of its changed files/),
      }),
    );
    expect(api.violations).toEqual([]);
  });

  it("quotes hostile identifiers without mentions, HTML or workflow commands", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY], {
      edit: async (ws) => {
        const ids = await readFile(path.join(ws, "ids/insight-sites.txt"), "utf8");
        await write(ws, "ids/insight-sites.txt", ids.replace("site-0001", "@acme/admins\n::error::pwned\n<img>#1\nsite-0001"));
      },
    });
    const run = await runAction({ api, workspace, payload });
    expect(run.code).toBe(1);
    // Only Blastgate's own commands reach the runner; the identifier is quoted inside a message.
    expect(run.stdout.split("\n").filter((l) => l.startsWith("::error::"))).toEqual([]);
    // Two findings quote it, at one place: no kind matches it, and the inventory does not hold it (the starter pack's
    // requireInventory). The second repeats (rule, place), so it waits until every other finding has an annotation:
    // with ten errors taken it is in the summary only.
    expect(run.annotations.filter((a) => a.message.includes("'::error::pwned' (line 4)")).map((a) => a.title)).toEqual(["Blastgate: target-kind (hard-mandatory)"]);
    expect(run.annotations.filter((a) => a.level === "error")).toHaveLength(10);
    for (const text of [commentsByBot(api)[0]!.body, run.summary]) {
      expect(text).toContain("'&#64;acme/admins' (line 3), '::error::pwned' (line 4), '&lt;img&gt;&#35;1' (line 5)");
      expect(text).not.toContain("@acme");
      expect(text).not.toContain("<img>");
    }
  });
});
