import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runnerCommands } from "../support/runner-commands.js";
import { check, checkText, copyOfRepo } from "./support.js";

/**
 * What the CLI says must be true and must reach the terminal as text: issue 11, "Injection and
 * misleading output". Each case is a manifest written at test time into a copy of the fixture repository.
 */

/** The baseline manifest (manifests/good.yaml) with parts replaced. */
function manifest(parts: { identifiers?: string; deletion?: string; rollback?: string | null; rollout?: string; expectedCount?: string }): string {
  const rollback = parts.rollback === undefined ? "  rollback:\n    strategy: undelete\n    restoreRate: 100/h\n    rto: 4h\n" : (parts.rollback ?? "");
  return `apiVersion: blastgate.dev/v1
kind: Operation
metadata:
  name: case
spec:
  environment: production
  action: remove-app
  target:
    kind: app
${parts.expectedCount ?? ""}${parts.identifiers ?? "    identifiers:\n      file: ids/apps.txt\n"}  deletion:
${parts.deletion ?? "    mode: soft\n    retention: 30d\n"}${parts.rollout ?? ""}${rollback}`;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

describe("text output carries no control character from input", () => {
  // YAML's double-quoted "\e" is ESC: a file name that clears the screen, then writes a line of its own.
  const HOSTILE = "ids/a\\e[2Jb\\r\\n::error::x.txt";
  const ON_DISK = "ids/a\u001b[2Jb\r\n::error::x.txt";
  const SHOWN = "ids/a\\u{1b}[2Jb\\u{d}\\u{a}::error::x.txt";

  it("an identifiers.file with ESC, CR and LF that does not exist", async () => {
    const root = copyOfRepo();
    write(root, "manifests/case.yaml", manifest({ identifiers: `    identifiers:\n      file: "${HOSTILE}"\n` }));
    const r = await checkText("manifests/case.yaml", { root });
    expect(r.exit).toBe(2);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain(`manifests/case.yaml:11:13  identifier file ${SHOWN} does not exist`);
  });

  it("an identifiers.file with ESC, CR and LF holding a bad identifier: the location is escaped too", async () => {
    const root = copyOfRepo();
    write(root, ON_DISK, "app-0001\napp-0001\n");
    write(root, "manifests/case.yaml", manifest({ identifiers: `    identifiers:\n      file: "${HOSTILE}"\n` }));
    const r = await checkText("manifests/case.yaml", { root });
    expect(r.exit).toBe(2);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain(`${SHOWN}:2:1  duplicate identifier 'app-0001' (first on line 1)`);
  });
});

describe("stdout in a CI log: no file name acts as a workflow command", () => {
  // The CLI runs in CI steps too, where GitHub's runner reads stdout for commands.
  // A name with [ is a glob on the command line, so those are named by a glob.
  const cases = [
    ["::error title=Blastgate::ALLOWED pwn.yaml", "::error title=Blastgate::ALLOWED pwn.yaml"],
    ["manifests/x ##[error]pwn.yaml", "manifests/x *pwn.yaml"],
    ["manifests/y ##[add-mask]pwn.yaml", "manifests/y *pwn.yaml"],
  ] as const;
  for (const [name, arg] of cases) {
    it(`a manifest named '${name}', text and JSON`, async () => {
      const root = copyOfRepo();
      write(root, name, manifest({}));
      const text = await checkText(arg, { root });
      expect(text.exit).toBe(0);
      expect(text.stdout).toContain("pwn.yaml");
      expect(runnerCommands(text.stdout)).toEqual([]);
      const json = await check(arg, { root });
      expect(json.report.plans[0]!.manifest).toBe(name);
      expect(runnerCommands(json.stdout)).toEqual([]);
    });
  }
});

describe("wording that is true", () => {
  it("strategy: none with a restoreRate: the plan says no rollback, not how long a restore takes", async () => {
    const root = copyOfRepo();
    write(root, "manifests/case.yaml", manifest({ rollback: "  rollback:\n    strategy: none\n    restoreRate: 720/h\n    rto: 1h\n" }));
    const r = await check("manifests/case.yaml", { root });
    const summary = r.report.plans[0]!.summary as string;
    expect(summary).toContain("no rollback");
    expect(summary).not.toContain("restore takes");
  });

  it("a retention of 13d23h59m59s is shown as it is, never rounded up to the 14d minimum", async () => {
    const root = copyOfRepo();
    write(root, "manifests/case.yaml", manifest({ deletion: "    mode: soft\n    retention: 13d23h59m59s\n" }));
    const r = await check("manifests/case.yaml", { root });
    expect(r.report.plans[0]!.summary).toContain("soft delete kept 13d23h59m59s,");
    expect(r.report.findings.map((f) => f.message)).toEqual(["deleted objects are kept 13d23h59m59s; the minimum is 14d"]);
  });

  it("an RTO of 1d1s is not shown as 1d1m", async () => {
    const root = copyOfRepo();
    write(root, "manifests/case.yaml", manifest({ rollback: "  rollback:\n    strategy: undelete\n    restoreRate: 100/h\n    rto: 1d1s\n" }));
    const r = await check("manifests/case.yaml", { root });
    expect(r.report.plans[0]!.summary).toContain("against an RTO of 1d1s");
  });

  it(".nan where a number belongs: named as .nan, not 'a number, not a number'", async () => {
    const root = copyOfRepo();
    write(root, "manifests/case.yaml", manifest({ expectedCount: "    expectedCount: .nan\n" }));
    const r = await check("manifests/case.yaml", { root });
    expect(r.report.problems.map((p) => p.message)).toEqual(["spec.target.expectedCount must be a whole number, not .nan (not a number)"]);
  });

  it("one target: 'restoring 1 target', '1 of 1 identifier is'", async () => {
    const root = copyOfRepo();
    write(root, "manifests/case.yaml", manifest({ identifiers: "    identifiers: [site-0001]\n", rollback: "  rollback:\n    strategy: undelete\n    restoreRate: 1/d\n    rto: 1h\n" }));
    const r = await check("manifests/case.yaml", { root });
    const messages = r.report.findings.map((f) => f.message);
    expect(messages).toContainEqual(expect.stringMatching(/^1 of 1 identifier is site, not app: /));
    expect(messages).toContain("restoring 1 target at 1/d takes 1d, longer than the RTO of 1h");
  });
});

describe("one finding per cause", () => {
  it("a missing rollback block is one finding, naming everything the policy needs from it", async () => {
    const root = copyOfRepo();
    write(root, "manifests/case.yaml", manifest({ rollback: null }));
    const r = await check("manifests/case.yaml", { root });
    expect(r.report.findings.map((f) => [f.ruleId, f.messageId, `${f.location.line}:${f.location.column}`, f.message])).toEqual([
      ["recoverable", "noRollback", "5:1", "no rollback: say how a wrong run is undone; this policy needs spec.rollback with strategy undelete or restore-from-backup, restoreRate and rto (restoring every target within the RTO)"],
    ]);
    expect(r.exit).toBe(1);
  });
});
