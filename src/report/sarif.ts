import { createHash } from "node:crypto";
import type { Problem } from "../documents/problem.js";
import type { SourceLocation } from "../documents/source.js";
import { statusOf } from "../governance/judge.js";
import { where } from "./text.js";
import { RULES } from "../rules/index.js";
import type { Finding } from "../rules/types.js";
import type { CheckResult } from "../check/run.js";

/** Where each rule type is documented; a rule id Blastgate itself reports (policy or inventory changes, input problems) links to the JSON report's page. */
export const DOCS_BASE = "https://github.com/blastgate/blastgate/blob/main/docs/";
/** The rule id input problems are reported under: they are not a policy's findings, and they make the verdict `error`. */
export const PROBLEM_RULE_ID = "blastgate/input-problem";

/** What a SARIF result's level says: mandatory findings are errors, advisory ones warnings, lifted ones notes. */
function level(f: Finding): "error" | "warning" | "note" {
  const status = statusOf(f);
  return status === "blocking" ? "error" : status === "advisory" ? "warning" : "note";
}

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string };
  defaultConfiguration: { level: "error" | "warning" | "note" };
  properties: Record<string, unknown>;
}

function descriptor(id: string, type: string, enforcement: string, description: string | undefined): RuleDescriptor {
  const module = RULES.get(type);
  const typeDescription = module?.meta.description ?? BLASTGATE_RULES[id]?.description ?? `a ${type} finding`;
  const helpUri = module?.meta.docs ?? BLASTGATE_RULES[id]?.docs ?? `${DOCS_BASE}rules.md`;
  const text = description ?? typeDescription;
  return {
    id,
    name: type,
    shortDescription: { text: firstSentence(text) },
    fullDescription: { text: description ? `${description} (${type}: ${typeDescription})` : typeDescription },
    helpUri,
    help: { text: `${type}: ${typeDescription} See ${helpUri}` },
    defaultConfiguration: { level: enforcement === "advisory" ? "warning" : "error" },
    properties: { enforcement, type, tags: ["blastgate", enforcement] },
  };
}

/** The findings the Action and the engine add about the change itself, not through a policy rule. */
const BLASTGATE_RULES: Record<string, { description: string; docs: string }> = {
  "blastgate/policy-changed": { description: "The change edits a policy file; it is judged by the base branch's policies, and the edit applies once merged.", docs: `${DOCS_BASE}action.md` },
  "blastgate/inventory-changed": { description: "The change edits the inventory, which decides what each identifier is.", docs: `${DOCS_BASE}action.md` },
  [PROBLEM_RULE_ID]: { description: "Input Blastgate could not understand (malformed YAML, a schema violation, a missing file): nothing with a problem was judged.", docs: `${DOCS_BASE}json-report.md` },
};

function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/s.exec(text);
  const s = (m ? m[1]! : text).replace(/\s+/g, " ").trim();
  return s.length > 1000 ? `${s.slice(0, 999)}…` : s;
}

function physical(l: SourceLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: l.file.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" },
      region: { startLine: Math.max(1, l.line), startColumn: Math.max(1, l.column) },
    },
  };
}

/**
 * A finding's identity across runs: its rule, message id, file and manifest, and which occurrence of
 * those it is. No line number or message text: moving a line or changing a count keeps the alert.
 */
function fingerprints(parts: string[], seen: Map<string, number>): Record<string, string> {
  const key = createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  return { "blastgate/v1": `${key}:${n}` };
}

/**
 * The check's result as SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other
 * SARIF readers: one rule descriptor per rule id, each finding at its value's line and column, level from
 * enforcement and status, lifted findings with their override or waiver as a suppression.
 */
export function toSarif(result: CheckResult, meta: { version: string; failure?: string }): object {
  const rules = new Map<string, RuleDescriptor>();
  for (const r of result.rules) rules.set(r.id, descriptor(r.id, r.type, r.enforcement, r.description));
  for (const f of result.findings) if (!rules.has(f.ruleId)) rules.set(f.ruleId, descriptor(f.ruleId, f.ruleType, f.enforcement, undefined));
  if (result.problems.length > 0 && !rules.has(PROBLEM_RULE_ID)) rules.set(PROBLEM_RULE_ID, descriptor(PROBLEM_RULE_ID, "input-problem", "hard-mandatory", undefined));
  const ids = [...rules.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  // Input problems stop judging (verdict error, exit 2): the run did not succeed, whatever alerts it has.
  const failure =
    meta.failure ?? (result.problems.length > 0 ? `${result.problems.length} input ${result.problems.length === 1 ? "problem" : "problems"} (the first: ${where(result.problems[0]!.location)} ${result.problems[0]!.message})` : undefined);
  const seen = new Map<string, number>();
  const results: object[] = [];
  for (const f of result.findings) {
    const status = statusOf(f);
    const suppression =
      status === "overridden" && f.override
        ? { kind: "external", status: "accepted", justification: `overridden by ${f.override.by} (review ${f.override.reviewId}): ${f.override.reason}` }
        : status === "waived" && f.waiver
          ? { kind: "external", status: "accepted", justification: `waived by ${f.waiver.name} (owner ${f.waiver.owner}, until ${f.waiver.expires}): ${f.waiver.reason}` }
          : undefined;
    results.push({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: level(f),
      message: { text: f.message },
      locations: [physical(f.location)],
      partialFingerprints: fingerprints([f.ruleId, f.messageId, f.location.file, f.manifest], seen),
      ...(suppression ? { suppressions: [suppression] } : {}),
      properties: { enforcement: f.enforcement, status, messageId: f.messageId, manifest: f.manifest, evidence: f.evidence },
    });
  }
  for (const p of result.problems) results.push(problemResult(p, index.get(PROBLEM_RULE_ID)!, seen));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Blastgate",
            semanticVersion: meta.version,
            version: meta.version,
            informationUri: "https://github.com/blastgate/blastgate",
            rules: [...rules.values()],
          },
        },
        automationDetails: { id: "blastgate/" },
        // A run that could not decide says so here: its missing alerts are not a clean bill.
        invocations: [
          {
            executionSuccessful: failure === undefined,
            ...(failure !== undefined ? { toolExecutionNotifications: [{ level: "error", message: { text: `Blastgate could not decide: ${failure}` } }] } : {}),
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
        properties: { verdict: result.verdict },
      },
    ],
  };
}

function problemResult(p: Problem, ruleIndex: number, seen: Map<string, number>): object {
  return {
    ruleId: PROBLEM_RULE_ID,
    ruleIndex,
    level: "error",
    message: { text: p.message },
    locations: [physical(p.location)],
    partialFingerprints: fingerprints([PROBLEM_RULE_ID, p.code, p.location.file], seen),
    properties: { code: p.code },
  };
}
