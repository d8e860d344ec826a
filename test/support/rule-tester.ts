import { describe, expect, it } from "vitest";
import { runCheck, type CheckResult } from "../../src/check/run.js";
import { MemoryFiles } from "./memory-files.js";
import { CATALOG, INVENTORY } from "./fixtures.js";

export interface ExpectedFinding {
  messageId: string;
  /** Text on the line the finding must point at (in `file`, default the manifest). */
  at: string;
  file?: string;
  /** Evidence fields that must match. */
  evidence?: Record<string, unknown>;
  /** A fragment of the message. */
  message?: string;
}

export interface Case {
  name: string;
  manifest: string;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  /** More manifests (path -> YAML) judged with `manifest` as one change (a pull request's). */
  change?: Record<string, string>;
}

export interface InvalidCase extends Case {
  errors: ExpectedFinding[];
}

export interface RuleTable {
  type: string;
  options: Record<string, unknown>;
  catalog?: string;
  inventory?: string;
  now?: string;
  valid: Case[];
  invalid: InvalidCase[];
}

export async function judge(t: { type: string; options: Record<string, unknown>; catalog?: string; inventory?: string; now?: string }, c: Case): Promise<CheckResult> {
  const policy = `apiVersion: blastgate.dev/v1
kind: Policy
rules:
  - id: under-test
    type: ${t.type}
    enforcement: hard-mandatory
    with: ${JSON.stringify(c.options ?? t.options)}
`;
  const files = new MemoryFiles({
    "policies/catalog.yaml": t.catalog ?? CATALOG,
    "policies/policy.yaml": policy,
    "inventory.ndjson": t.inventory ?? INVENTORY,
    "ops/manifest.yaml": c.manifest,
    ...c.files,
    ...c.change,
  });
  const manifests = ["ops/manifest.yaml", ...Object.keys(c.change ?? {})];
  return runCheck({ workspace: files, policiesDir: "policies", manifests, now: new Date(t.now ?? "2026-11-24T00:00:00Z"), ...(c.change ? { change: "judged" as const } : {}) });
}

function lineOf(text: string, needle: string, file: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`test table error: '${needle}' is not in ${file}`);
  return i + 1;
}

/** ESLint's RuleTester, for Blastgate: each rule type's behaviour as a table of valid and invalid manifests. */
export function ruleTester(table: RuleTable): void {
  describe(`rule ${table.type}`, () => {
    for (const c of table.valid) {
      it(`valid: ${c.name}`, async () => {
        const r = await judge(table, c);
        expect(r.problems).toEqual([]);
        expect(r.findings.map((f) => `${f.messageId}: ${f.message}`)).toEqual([]);
        expect(r.verdict).toBe("allowed");
      });
    }
    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const r = await judge(table, c);
        expect(r.problems).toEqual([]);
        const files: Record<string, string> = { "ops/manifest.yaml": c.manifest, ...c.files, ...c.change };
        const got = r.findings.map((f) => ({ messageId: f.messageId, file: f.location.file, line: f.location.line }));
        const want = c.errors.map((e) => {
          const file = e.file ?? "ops/manifest.yaml";
          return { messageId: e.messageId, file, line: lineOf(files[file] ?? "", e.at, file) };
        });
        expect(got).toEqual(want);
        c.errors.forEach((e, i) => {
          const f = r.findings[i]!;
          expect(f.ruleId).toBe("under-test");
          expect(f.ruleType).toBe(table.type);
          expect(f.location.column).toBeGreaterThan(0);
          if (e.message) expect(f.message).toContain(e.message);
          if (e.evidence) expect(f.evidence).toMatchObject(e.evidence);
        });
        expect(r.verdict).toBe("blocked");
      });
    }
  });
}
