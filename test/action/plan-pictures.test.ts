/** The bundled Action draws the plan's pictures in the job summary and the comment; Mermaid itself stays out of the bundle. */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, commentsByBot, EXAMPLES, LEGACY, NOW, pullRequest, ROOT, runAction } from "./harness.js";

afterEach(cleanup);

const diagramsIn = (markdown: string) => [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
const shown = (diagram: string) => diagram.replace(/#(\d+);/g, (_, c: string) => String.fromCodePoint(Number(c)));

describe("the Atlassian example in a pull request", () => {
  it("the job summary and the comment show the rollout, what is destroyed and the restore points, each with its facts in text", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY]);
    const run = await runAction({ api, workspace, payload });
    expect(run.code).toBe(1);
    const comment = commentsByBot(api)[0]!.body;
    for (const text of [run.summary, comment]) {
      const diagrams = diagramsIn(text).map(shown);
      expect(diagrams).toHaveLength(3);
      const [rollout, destroyed, restore] = diagrams as [string, string, string];
      expect(rollout).toMatch(/^flowchart LR\n {2}s0\["1\. the whole run<br\/>883 sites \(100%\)<br\/>⛔ one stage: runs over 50 must be staged \(bulk-limits\)"\]/);
      expect(destroyed).toContain(`declared["declared: app"]`);
      expect(destroyed).toContain(`k0["resolved: 883 sites"]`);
      expect(destroyed).toContain(`inside["inside the targets<br/>883 apps"]`);
      expect(destroyed).toContain(`d0["confluence-postgres"]`);
      expect(restore).toMatch(/^gantt\n/);
      expect(restore).toContain("insight: 4h back :milestone");
      expect(restore).toMatch(/spread 3h :crit/);
      // The same facts, as text beside each diagram.
      expect(text).toContain("- Stage 1 of 1, the whole run: 883 sites (100% of 883) (no staged rollout); one stage: runs over 50 must be staged (bulk-limits)");
      expect(text).toContain("- Declared: app; resolved: 883 sites");
      expect(text).toContain("- Restore points of the products in one site, counted back from the check: jira 1h, confluence 1h, insight 4h; spread 3h; the policy allows 0, so they are out of step");
    }
    expect(api.violations).toEqual([]);
  });

  it("Mermaid is a test-only dependency: the bundles carry the diagram text, not the library", async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.devDependencies.mermaid).toBeDefined();
    expect(pkg.dependencies?.mermaid).toBeUndefined();
    const action = await readFile(path.join(ROOT, "dist/index.js"), "utf8");
    expect(action.includes("```mermaid")).toBe(true);
    for (const bundle of ["dist/index.js", "dist/cli.js", "dist/lib.js"]) {
      const code = await readFile(path.join(ROOT, bundle), "utf8");
      // Strings only Mermaid's own code holds (its parser's diagram id, its sanitizer, its API).
      expect({ bundle, mermaid: /flowchart-v2|DOMPurify|mermaidAPI/.test(code) }).toEqual({ bundle, mermaid: false });
    }
  });

  it("the CLI prints the same facts as text under each plan, with no diagram", () => {
    let out = "";
    try {
      execFileSync(process.execPath, [path.join(ROOT, "bin/blastgate.js"), "check", "--root", EXAMPLES, "--now", NOW], { encoding: "utf8" });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    expect(out).toContain(
      [
        "  Rollout:",
        "    Stage 1 of 1, the whole run: 883 sites (100% of 883) (no staged rollout); one stage: runs over 50 must be staged (bulk-limits)",
        "  What is destroyed:",
        "    Declared: app; resolved: 883 sites",
        "    Inside the targets (destroyed with them): 883 apps",
      ].join("\n"),
    );
    expect(out).toContain(["  Rollout:", "    Stage 1 of 3, canary: 10 apps (1.1% of 883), then bake 1d", "    Stage 2 of 3, wave-1: 400 apps (45.3% of 883), then bake 12h", "    Stage 3 of 3, wave-2: 473 apps (53.6% of 883)"].join("\n"));
    expect(out).toContain("    Restore points of the products in one site, counted back from the check: jira 1h, confluence 1h, insight 4h; spread 3h; the policy allows 0, so they are out of step");
    expect(out).not.toContain("mermaid");
  });
});
