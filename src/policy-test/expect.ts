/**
 * What a policy test case expected against what the check found, and which rules the cases exercised.
 * Pure: results in, verdicts and coverage out.
 */
import type { Problem } from "../documents/problem.js";
import type { ExpectedFinding, PolicyTestCase, PolicyTestDocument } from "../documents/types.js";
import { suggest } from "../documents/validate.js";
import type { Verdict } from "../engine/evaluate.js";
import { statusOf } from "../governance/judge.js";
import type { Finding } from "../rules/types.js";

/** What one case's check produced (the parts a test compares). */
export interface CaseOutcome {
  verdict: Verdict;
  findings: Finding[];
  problems: Problem[];
  rulesRun: readonly string[];
}

export interface CaseComparison {
  pass: boolean;
  /** One line each: `verdict: ...`, then `- ` expected and missing, `+ ` found and not expected. */
  diff: string[];
}

function matches(e: ExpectedFinding, f: Finding): boolean {
  return (
    e.rule === f.ruleId &&
    (e.messageId === undefined || e.messageId === f.messageId) &&
    (e.enforcement === undefined || e.enforcement === f.enforcement) &&
    (e.status === undefined || e.status === statusOf(f)) &&
    (e.file === undefined || e.file === f.location.file) &&
    (e.line === undefined || e.line === f.location.line)
  );
}

export function describeFinding(f: Finding): string {
  const { file, line, column } = f.location;
  return `${f.ruleId}  ${f.enforcement}${f.status && f.status !== "blocking" && f.status !== "advisory" ? ` (${f.status})` : ""}  ${f.messageId}  ${file}:${line}:${column}  ${f.message}`;
}

function describeExpected(e: ExpectedFinding): string {
  const fields = (["messageId", "enforcement", "status", "file", "line"] as const).filter((k) => e[k] !== undefined).map((k) => `${k} ${e[k]}`);
  return `${e.rule}${fields.length > 0 ? `  ${fields.join(", ")}` : ""}`;
}

/**
 * A case passes when the verdict is the one expected, the rules with findings are exactly `expect.rules`
 * (none when it is left out, unless the verdict expected is error), and each of `expect.findings` matches
 * a finding on the fields it gives.
 */
export function compareCase(expect: PolicyTestCase["expect"], actual: CaseOutcome): CaseComparison {
  const diff: string[] = [];
  if (actual.verdict !== expect.verdict) diff.push(`verdict: expected ${expect.verdict}, got ${actual.verdict}`);
  const fired = new Map<string, Finding[]>();
  for (const f of actual.findings) fired.set(f.ruleId, [...(fired.get(f.ruleId) ?? []), f]);
  if (expect.rules !== undefined || expect.verdict !== "error") {
    const expected = new Set(expect.rules ?? []);
    for (const id of expected) if (!fired.has(id)) diff.push(`- ${id}  (expected to fire, did not)`);
    for (const [id, findings] of fired) {
      if (!expected.has(id)) for (const f of findings) diff.push(`+ ${describeFinding(f)}  (not expected)`);
    }
  }
  for (const e of expect.findings ?? []) {
    if (actual.findings.some((f) => matches(e, f))) continue;
    diff.push(`- finding ${describeExpected(e)}  (no finding matches)`);
    for (const f of fired.get(e.rule) ?? []) diff.push(`+ ${describeFinding(f)}`);
  }
  if (diff.length > 0 && actual.problems.length > 0 && expect.verdict !== "error") {
    for (const p of actual.problems.slice(0, 5)) diff.push(`! ${p.location.file}:${p.location.line}:${p.location.column}  ${p.message}`);
    if (actual.problems.length > 5) diff.push(`! ... and ${actual.problems.length - 5} more problems`);
  }
  return { pass: diff.length === 0, diff };
}

/** A rule id an expectation may name, with its message ids: the policies' rules and Blastgate's own findings. */
export type KnownRules = ReadonlyMap<string, readonly string[]>;

/** An expectation that can never match: where it is (a JSON pointer into the PolicyTest) and why. */
export interface BadExpectation {
  pointer: string;
  message: string;
}

const didYouMean = (word: string, known: readonly string[]) => {
  const hint = suggest(word, known);
  return hint ? `did you mean '${hint}'? ` : "";
};

/**
 * Expectations naming a rule the policies do not have, or a message id the rule's type does not have:
 * such a case could only fail (or pass by accident), so it is bad input, not a failing case.
 */
export function unknownExpectations(doc: PolicyTestDocument, known: KnownRules): BadExpectation[] {
  const out: BadExpectation[] = [];
  const ids = [...known.keys()];
  const rule = (id: string, pointer: string) => {
    if (known.has(id)) return true;
    out.push({ pointer, message: `'${id}' is not a rule of the loaded policies (${didYouMean(id, ids)}rules: ${ids.join(", ")})` });
    return false;
  };
  doc.cases.forEach((c, i) => {
    (c.expect.rules ?? []).forEach((id, j) => rule(id, `/cases/${i}/expect/rules/${j}`));
    (c.expect.findings ?? []).forEach((e, j) => {
      const at = `/cases/${i}/expect/findings/${j}`;
      if (!rule(e.rule, `${at}/rule`) || e.messageId === undefined) return;
      const messages = known.get(e.rule)!;
      if (!messages.includes(e.messageId)) out.push({ pointer: `${at}/messageId`, message: `rule '${e.rule}' has no message '${e.messageId}' (${didYouMean(e.messageId, messages)}its messages: ${messages.join(", ")})` });
    });
  });
  return out;
}

export interface RuleCoverage {
  ruleId: string;
  /** A passing case had a finding of the rule. */
  fires: boolean;
  /** A passing case without input problems had the rule judge its manifest (or change) and find nothing. */
  holds: boolean;
}

/** Coverage counts passing cases only: a case that fails proves nothing about the rules it touched. */
export function coverage(ruleIds: readonly string[], passing: readonly CaseOutcome[]): Coverage {
  const rules = ruleIds.map((ruleId) => ({
    ruleId,
    fires: passing.some((c) => c.findings.some((f) => f.ruleId === ruleId)),
    holds: passing.some((c) => c.problems.length === 0 && c.rulesRun.includes(ruleId) && !c.findings.some((f) => f.ruleId === ruleId)),
  }));
  const covered = rules.reduce((n, r) => n + Number(r.fires) + Number(r.holds), 0);
  // Rounded to a tenth (15 of 16 is 93.8%), but never up to 100% while a yes is missing.
  const total = 2 * rules.length;
  const percent = total === 0 ? 100 : covered === total ? 100 : Math.min(Math.round((covered / total) * 1000) / 10, 99.9);
  return { rules, percent, exact: total === 0 ? 100 : (covered / total) * 100 };
}

export interface Coverage {
  rules: RuleCoverage[];
  /** As shown: rounded to a tenth, never up to 100 while a yes is missing. */
  percent: number;
  /** Unrounded: what --min-coverage is compared with (93.75 is below 93.8). */
  exact: number;
}
