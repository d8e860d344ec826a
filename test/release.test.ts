import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cleanup, exampleRepo, runAction, startApi } from "./action/harness.js";
import { PROJECT } from "./support/repo.js";

afterEach(cleanup);

const read = (file: string) => readFileSync(path.join(PROJECT, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { version: string; license: string };
interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[] }>;
}
const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;

describe("a release to pin", () => {
  it("LICENSE is the MIT licence package.json names; CHANGELOG.md has a section for the version", () => {
    expect(pkg.license).toBe("MIT");
    expect(read("LICENSE")).toMatch(/^MIT License\n/);
    // Keep a Changelog: `## [0.2.0] - 2026-12-01` (the release workflow greps for the version's heading).
    expect(read("CHANGELOG.md")).toMatch(new RegExp(`\n## \\[${pkg.version.replace(/\./g, "\\.")}\\]( - \\d{4}-\\d{2}-\\d{2})?\n`));
  });

  it("CI runs .ci/run; the release workflow runs on v* tags, refuses a stale dist/ and moves the major tag", () => {
    expect(
      workflow("ci.yml")
        .jobs.ci!.steps.map((s) => s.run)
        .filter(Boolean),
    ).toEqual(["bash .ci/run"]);
    const release = workflow("release.yml");
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
    const runs = release.jobs.release!.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("bash .ci/run");
    expect(runs).toMatch(/npm run -s build\n\s*git diff --exit-code -- dist schemas/);
    expect(runs).toContain('git tag -f "$MAJOR" "$GITHUB_SHA"');
  });

  it("the dogfood workflow's checks pass when the Action runs as it says (uses: ./ on examples/)", async () => {
    const job = workflow("dogfood.yml").jobs.examples!;
    const action = job.steps.find((s) => s.uses === "./")!;
    expect(job.steps.some((s) => s.run === "cp -r examples/. .")).toBe(true);
    const workspace = await exampleRepo();
    const api = await startApi();
    const run = await runAction({ api, workspace, event: "push", payload: { after: "c".repeat(40) }, inputs: Object.fromEntries(Object.entries(action.with!).map(([k, v]) => [k, String(v)])) });
    expect(run.code).toBe(0);
    // The workflow's own check, run as the runner runs a step (bash --noprofile --norc -eo pipefail), the outputs in its environment.
    const check = job.steps.at(-1)!;
    const env = Object.fromEntries(Object.entries(check.env!).map(([k, v]) => [k, run.outputs[/outputs\.([\w-]+)/.exec(v)![1]!] ?? ""]));
    const shell = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", check.run!], { env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" });
    expect(shell.stdout + shell.stderr).toBe("");
    expect(shell.status).toBe(0);
  });
});
