import { problemCount, type Problem } from "../documents/problem.js";
import type { SourceLocation } from "../documents/source.js";
import { shortDigest } from "../governance/digest.js";
import { statusOf } from "../governance/judge.js";
import type { ApprovalRecord, OverrideRecord, WaiverRecord } from "../rules/status.js";
import { customersOf, type Plan } from "../measure/plan.js";
import type { Finding } from "../rules/types.js";
import type { CheckResult } from "../check/run.js";
import { grouped } from "../documents/units.js";
import { blockedIn, inventoryLine } from "./text.js";
import { planPictures, type PlanPicture } from "./mermaid.js";
import { impactCounts, impactFindingText } from "./impact.js";
import type { ImpactEntry, ImpactFinding, PolicyImpact } from "../engine/impact.js";

/** Identifies Blastgate's pull request comment, so each run edits it instead of adding another. */
export const COMMENT_MARKER = "<!-- blastgate:comment -->";
/** GitHub rejects comment bodies over this many characters. */
export const MAX_COMMENT_CHARS = 65_536;
/** GitHub refuses a job summary over 1 MiB per step. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

export interface MarkdownInput {
  result: CheckResult;
  /** Blastgate could not decide for a reason tied to no file (an API failure): the verdict is error. */
  failure?: string;
  /** Where the policies came from, e.g. "base commit 1a2b3c4". */
  policySource?: string;
  /** Things a reviewer must know besides the findings (the pull request changes the inventory, ...). */
  notes?: string[];
  /** How the check ends under the `fail-on` input, when that differs from the verdict. */
  gate?: { fails: boolean; failOn: string };
  /** Links a location to the file on GitHub. */
  link?: (l: SourceLocation) => string | undefined;
  /** Where the full report is (the job summary), for a shortened comment. */
  detailsUrl?: string;
}

type Verdict = "allowed" | "blocked" | "error";

export function verdictOf(input: MarkdownInput): Verdict {
  return input.failure ? "error" : input.result.verdict;
}

const ICON: Record<Verdict, string> = { allowed: "✅", blocked: "⛔", error: "❌" };

function n(x: number): string {
  return grouped(x);
}

function plural(x: number, word: string): string {
  return `${n(x)} ${word}${x === 1 ? "" : "s"}`;
}

/** Text from manifests goes into Markdown: no formatting, no @mentions, no #references, no HTML, no table breaks. */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", "#": "&#35;" };

/** Text from manifests goes into Markdown: no formatting, no @mentions, no #references, no HTML, no table breaks. */
export function escapeMd(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/[&<>@#\\`*_[\]|~!]/g, (c) => ENTITIES[c] ?? `\\${c}`);
}

function code(s: string): string {
  // Inside a code span nothing is formatted; a pipe still ends a table cell and a backtick the span.
  return "`" + s.replace(/[`\r\n]/g, " ").replace(/\|/g, "\\|") + "`";
}

function where(l: SourceLocation, link: MarkdownInput["link"]): string {
  const text = code(`${l.file}:${l.line}:${l.column}`);
  const url = link?.(l);
  return url ? `[${text}](${url})` : text;
}

/** The first line: the verdict and why, readable in a notification. */
export function verdictLine(input: MarkdownInput): string {
  const { result: r } = input;
  const v = verdictOf(input);
  const manifests = plural(r.manifests.length, "manifest");
  let line: string;
  if (v === "error") {
    const first = input.failure ?? (r.problems[0] ? `${r.problems[0].location.file}:${r.problems[0].location.line}: ${r.problems[0].message}` : "unknown");
    const more = problemCount(r.problems) - (input.failure ? 0 : 1);
    line = `${ICON.error} **Blastgate: error**: could not judge ${input.failure ? "this change" : manifests}: ${escapeMd(first)}${more > 0 ? ` (and ${plural(more, "more problem")})` : ""}`;
  } else if (v === "blocked") {
    const blocking = r.findings.filter((f) => statusOf(f) === "blocking");
    const first = blocking[0];
    const lifted = liftedCounts(r);
    line = `${ICON.blocked} **Blastgate: blocked**: ${plural(blocking.length, "blocking finding")} in ${blockedIn(r, blocking)}${lifted ? ` (${lifted})` : ""}${first ? `; first: ${escapeMd(first.message)} (${escapeMd(first.ruleId)})` : ""}`;
  } else if (r.manifests.length === 0) {
    line = `${ICON.allowed} **Blastgate: allowed**: no manifest to judge in this change${r.counts.advisory ? ` (${plural(r.counts.advisory, "advisory finding")})` : ""}`;
  } else {
    const lifted = liftedCounts(r);
    const extra = [lifted, r.counts.advisory ? plural(r.counts.advisory, "advisory finding") : ""].filter(Boolean).join(", ");
    line = `${ICON.allowed} **Blastgate: allowed**: ${manifests} checked${input.policySource ? ` against the policies of the ${escapeMd(input.policySource)}` : ""}, no ${lifted ? "blocking" : "mandatory"} findings${extra ? ` (${extra})` : ""}`;
  }
  if (input.gate) {
    const expectedFail = v !== "allowed";
    if (input.gate.fails !== expectedFail) line += ` (fail-on: ${input.gate.failOn}, so the check ${input.gate.fails ? "fails" : "passes"})`;
  }
  return line;
}

/** "2 overridden, 1 waived", or "" when nothing was lifted. */
function liftedCounts(r: CheckResult): string {
  const statuses = r.findings.map(statusOf);
  const overridden = statuses.filter((x) => x === "overridden").length;
  const waived = statuses.filter((x) => x === "waived").length;
  return [overridden ? `${n(overridden)} overridden` : "", waived ? `${n(waived)} waived` : ""].filter(Boolean).join(", ");
}

/** "883 to destroy: 883 site": the number no reviewer may miss, by the kind the identifiers really are. */
export function destroyLine(p: Plan): string {
  const kinds = Object.entries(p.byKind).map(([k, c]) => `${n(c)} ${k}`);
  if (p.unresolved) kinds.push(`${n(p.unresolved)} of unknown kind`);
  if (p.ambiguous) kinds.push(`${n(p.ambiguous)} of ambiguous kind`);
  const head = `**${n(p.targets)} to ${p.destructive ? "destroy" : "change"}${kinds.length ? `: ${kinds.join(", ")}` : ""}**`;
  const parts = [head];
  const resolved = Object.keys(p.byKind);
  if (resolved.length > 0 && (resolved.length > 1 || resolved[0] !== p.declaredKind)) parts[0] += ` (the manifest declares ${escapeMd(p.declaredKind)})`;
  if (p.contained.total > 0)
    parts.push(
      `${Object.entries(p.contained.byKind)
        .map(([k, c]) => `${n(c)} ${k}`)
        .join(", ")} inside`,
    );
  const customers = customersOf(p);
  if (customers !== undefined) parts.push(customers);
  parts.push(escapeMd(p.environment));
  parts.push(p.deletion.mode === "hard" ? "**hard delete**" : "soft delete");
  return parts.join(" · ");
}

const ENFORCEMENT_MARK: Record<Finding["enforcement"], string> = { "hard-mandatory": "⛔", "soft-mandatory": "⛔", advisory: "⚠️" };

/** What the finding does to the verdict, and who lifted it and why. */
function statusCell(f: Finding): string {
  const status = statusOf(f);
  if (status === "overridden") return f.override ? `↷ overridden by ${escapeMd("@" + f.override.by)}: ${escapeMd(f.override.reason)}` : "↷ overridden";
  if (status === "waived") return f.waiver ? `↷ waived by waiver ${code(f.waiver.name)} (owner ${escapeMd(f.waiver.owner)}, until ${escapeMd(f.waiver.expires)}): ${escapeMd(f.waiver.reason)}` : "↷ waived";
  return status;
}

function findingRow(f: Finding, link: MarkdownInput["link"]): string {
  const mark = statusOf(f) === "overridden" || statusOf(f) === "waived" ? "↷" : ENFORCEMENT_MARK[f.enforcement];
  return `| ${mark} ${f.enforcement} | ${statusCell(f)} | ${where(f.location, link)} | ${escapeMd(f.message)} | ${code(f.ruleId)} |`;
}

function problemRow(p: Problem, link: MarkdownInput["link"]): string {
  return `| ${where(p.location, link)} | ${escapeMd(p.message)} | ${code(p.code)} |`;
}

const FINDINGS_HEAD = ["| Enforcement | Status | Where | Finding | Rule |", "| --- | --- | --- | --- | --- |"];
const PROBLEMS_HEAD = ["| Where | Problem | Code |", "| --- | --- | --- |"];

/** How much of the report to render; shortening lowers these until the text fits. */
interface Caps {
  rows: number;
  manifests: number;
  /** How many manifests (in order) get their Mermaid diagrams; the facts beside them are always shown. */
  diagrams: number;
}

/** What a shortened text shows instead of the rest ("see the job summary"), and what ends it. */
interface Frame {
  elsewhere: string;
  footer: string[];
  /** Rows of the policy-change impact table shown (the JSON report has them all). */
  impactRows: number;
}

function render(input: MarkdownInput, caps: Caps, { elsewhere, footer, impactRows }: Frame): string {
  const { result: r, link } = input;
  const out: string[] = [verdictLine(input), ""];
  const inventory = inventoryLine(r.inventory);
  if (inventory) out.push(`<sub>${escapeMd(inventory)}</sub>`, "");
  // Notes quote file names: escaped like the table cells.
  for (const note of input.notes ?? []) out.push(`> ${escapeMd(note)}`, "");
  if (r.impact) out.push(...impactLines(r.impact, impactRows, elsewhere));
  let rows = caps.rows;
  let omittedRows = 0;
  const take = <T>(items: readonly T[]): T[] => {
    const shown = items.slice(0, Math.max(0, rows));
    rows -= shown.length;
    omittedRows += items.length - shown.length;
    return shown;
  };

  if (r.problems.length > 0) {
    out.push(`#### Input problems (nothing with a problem was judged)`, "");
    const shown = take(r.problems);
    if (shown.length) out.push(...PROBLEMS_HEAD, ...shown.map((p) => problemRow(p, link)), "");
  }

  const byManifest = new Map<string, Finding[]>();
  for (const f of r.findings) byManifest.set(f.manifest, [...(byManifest.get(f.manifest) ?? []), f]);
  const digests = new Map((r.digests ?? []).map((d) => [d.subject, d.digest]));
  const seen = new Set<string>();
  const plans = r.plans.filter((p) => !seen.has(p.manifest) && seen.add(p.manifest));
  let omittedManifests = 0;
  let omittedDiagrams = 0;
  plans.forEach((plan, i) => {
    if (i >= caps.manifests) {
      omittedManifests++;
      omittedRows += byManifest.get(plan.manifest)?.length ?? 0;
      return;
    }
    const findings = byManifest.get(plan.manifest) ?? [];
    const blocking = findings.filter((f) => statusOf(f) === "blocking").length;
    const lifted = findings.filter((f) => statusOf(f) === "overridden" || statusOf(f) === "waived").length;
    const status =
      blocking > 0
        ? `${ICON.blocked} ${plural(blocking, "blocking finding")}`
        : lifted > 0
          ? `${ICON.allowed} ${plural(lifted, "finding")} lifted`
          : findings.length > 0
            ? `${ICON.allowed} ${plural(findings.length, "advisory finding")}`
            : `${ICON.allowed} no findings`;
    out.push(`### ${code(plan.manifest)} (${escapeMd(plan.name)}): ${status}`, "");
    out.push(destroyLine(plan), "");
    out.push(`Plan: ${escapeMd(plan.summary)}`, "");
    // Right below the plan: an approval of this pull request is an approval of this intent, bound to this content.
    const approvals = (r.approvals ?? []).filter((a) => a.manifest === plan.manifest);
    if (approvals.length > 0) out.push(...approvalLines(approvals), "");
    const digest = digests.get(plan.manifest);
    if (digest) out.push(`<sub>Content digest ${code(shortDigest(digest))} (the manifest, its identifier file and its scripts): approvals and overrides hold while it and the plan above stay the same.</sub>`, "");
    // The plan's pictures, after its sign-off: the facts as text, the diagrams while there is room.
    for (const picture of planPictures(plan, findings)) out.push(...pictureLines(picture, i < caps.diagrams));
    if (i >= caps.diagrams) omittedDiagrams++;
    const shown = take(findings);
    if (shown.length) out.push(...FINDINGS_HEAD, ...shown.map((f) => findingRow(f, link)), "");
  });
  const others = r.findings.filter((f) => !seen.has(f.manifest));
  if (others.length > 0) {
    out.push("### Other findings", "");
    const shown = take(others);
    if (shown.length) out.push(...FINDINGS_HEAD, ...shown.map((f) => findingRow(f, link)), "");
  }
  out.push(...overrideLines(r.overrides ?? []), ...waiverLines(r.waivers ?? [], link));
  if (omittedDiagrams > 0) out.push(`**Diagrams of ${plural(omittedDiagrams, "manifest")} left out** (over GitHub's size limit); the same facts are in the text under each plan.`, "");
  if (omittedRows > 0 || omittedManifests > 0) {
    const what = [omittedManifests ? plural(omittedManifests, "more manifest") : "", omittedRows ? `${plural(omittedRows, "more finding")}` : ""].filter(Boolean).join(" and ");
    out.push(`**${what} not shown here** (over GitHub's size limit): ${elsewhere}.`, "");
  }
  if (r.manifests.length > 0 && r.plans.length === 0 && r.problems.length === 0 && !input.failure) out.push("No plan could be measured.", "");
  out.push(...footer);
  return out.join("\n").replace(/\n+$/, "") + "\n";
}

const VERDICT_CELL: Record<Verdict, string> = { allowed: `${ICON.allowed} allowed`, blocked: `${ICON.blocked} blocked`, error: `${ICON.error} error` };
/** Findings listed per table cell; the rest are counted. */
const IMPACT_FINDINGS_PER_CELL = 3;

/** The policy-change impact: newly blocked manifests first in the sentence, then a table of every manifest that changes. */
function impactLines(i: PolicyImpact, maxRows: number, elsewhere: string): string[] {
  const out = ["### Policy-change impact", ""];
  const judged = `Every manifest in the repository judged under the policies of the ${escapeMd(i.before)} and of ${escapeMd(i.after)}; the verdict above does not depend on it.`;
  if (i.unavailable !== undefined) return [...out, `${ICON.error} Not compared: ${escapeMd(i.unavailable)}`, ""];
  const blocked = i.newlyBlocked > 0 ? `${ICON.blocked} **${plural(i.newlyBlocked, "manifest")} newly blocked** by the new policies. ` : "";
  out.push(`${blocked}${escapeMd(impactCounts(i))}.`, "", `<sub>${judged}</sub>`, "");
  if (i.changed.length === 0) return out;
  out.push("| Manifest | Before → after | Findings added | Findings removed |", "| --- | --- | --- | --- |");
  for (const e of i.changed.slice(0, maxRows)) out.push(impactRow(e));
  out.push("");
  const left = i.changed.length - maxRows;
  if (left > 0) out.push(`**${plural(left, "more changed manifest")} not shown here**: ${elsewhere}.`, "");
  return out;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function impactRow(e: ImpactEntry): string {
  const cell = (fs: readonly ImpactFinding[]) => {
    const shown = fs.slice(0, IMPACT_FINDINGS_PER_CELL).map((f) => escapeMd(clip(impactFindingText(f), 200)));
    if (fs.length > shown.length) shown.push(`and ${n(fs.length - shown.length)} more`);
    return shown.join("<br>");
  };
  return `| ${code(e.manifest)} | ${VERDICT_CELL[e.before]} → ${e.before === e.after ? "unchanged" : `**${VERDICT_CELL[e.after]}**`} | ${cell(e.added)} | ${cell(e.removed)} |`;
}

/** A picture's facts as a list (the source of truth), then, when there is room, the same facts drawn by Mermaid. */
function pictureLines(picture: PlanPicture, diagram: boolean): string[] {
  const out = [`**${picture.title}**`, "", ...picture.facts.map((f) => `- ${escapeMd(f)}`), ""];
  // Labels are escaped for Mermaid (mermaidLabel): no backtick in the diagram can close the fence.
  if (diagram) out.push("```mermaid", picture.mermaid, "```", "");
  return out;
}

/** The sign-off each required team owes this manifest, as a checklist under its plan. */
function approvalLines(approvals: readonly ApprovalRecord[]): string[] {
  const out = ["**Sign-off requested**: approving this pull request approves the plan above, as it is now."];
  for (const a of approvals) {
    const who = a.approvedBy.length > 0 ? ` by ${a.approvedBy.map((x) => escapeMd("@" + x.login)).join(", ")}` : "";
    const notCounted = a.refused.length > 0 ? `; not counted: ${a.refused.map((x) => `${escapeMd(x.login)} (${escapeMd(x.reason)})`).join("; ")}` : "";
    out.push(`- ${a.satisfied ? "✅" : "⬜"} ${code(a.team)} (${a.roles.join(", ")}): ${a.satisfied ? "approved" : "missing"}, ${n(a.approvedBy.length)} of ${n(a.need)}${who}${notCounted}`);
  }
  return out;
}

const OVERRIDE_MARK: Record<OverrideRecord["status"], string> = { accepted: "✅ accepted", refused: "❌ refused", unused: "⚠️ unused" };

/** Every override line of the reviews: accepted ones with who and why, refused ones with the reason. */
function overrideLines(overrides: readonly OverrideRecord[]): string[] {
  if (overrides.length === 0) return [];
  const out = ["### Overrides", "", "| Status | By | Rule | Manifest | Reason | Why / digest |", "| --- | --- | --- | --- | --- | --- |"];
  for (const o of overrides) {
    const detail = o.status === "refused" ? escapeMd(o.refusal?.message ?? "refused") : o.status === "unused" ? "the rule found nothing to override" : `via ${escapeMd(o.via === "user" ? "overrideUsers" : (o.via ?? ""))}`;
    const digest = o.digest ? ` · ${code(shortDigest(o.digest))}` : "";
    out.push(`| ${OVERRIDE_MARK[o.status]} | ${escapeMd("@" + o.by)} | ${code(o.ruleId)} | ${o.manifest ? code(o.manifest) : ""} | ${escapeMd(o.reason)} | ${detail}${digest} |`);
  }
  out.push("");
  return out;
}

const WAIVER_MARK: Record<WaiverRecord["status"], string> = { applied: "✅", unused: "⚠️", expired: "❌", stale: "❌", ambiguous: "❌", "not-checked": "" };

/** Waivers that mattered to this run (not those of manifests it did not check). */
function waiverLines(waivers: readonly WaiverRecord[], link: MarkdownInput["link"]): string[] {
  const shown = waivers.filter((w) => w.status !== "not-checked");
  if (shown.length === 0) return [];
  const out = ["### Waivers", "", "| Status | Waiver | Rules | Owner | Expires | What it did |", "| --- | --- | --- | --- | --- | --- |"];
  for (const w of shown) {
    const did = w.status === "applied" ? `waives ${w.waived.map((x) => code(x.ruleId)).join(", ")} on ${[...new Set(w.waived.map((x) => x.manifest))].map(code).join(", ")}: ${escapeMd(w.reason)}` : escapeMd(w.message ?? "");
    const notApplied = w.notApplied.length > 0 ? `; not applied: ${w.notApplied.map((x) => `${code(x.ruleId)} (${escapeMd(x.reason)})`).join("; ")}` : "";
    out.push(`| ${WAIVER_MARK[w.status]} ${w.status} | ${code(w.name)} ${where(w.location, link)} | ${w.rules.map(code).join(", ")} | ${escapeMd(w.owner)} | ${escapeMd(w.expires)} | ${did}${notApplied} |`);
  }
  out.push("");
  return out;
}

/** Renders with every row, or with as many as fit `size(text) <= max`, and never fails. */
function fit(input: MarkdownInput, frame: Frame, max: number, size: (s: string) => number): string {
  const total = input.result.problems.length + input.result.findings.length;
  const full = render(input, { rows: total, manifests: Infinity, diagrams: Infinity }, frame);
  if (size(full) <= max) return full;
  const fits = (caps: Caps) => size(render(input, caps, frame)) <= max;
  /** The largest n in [0, hi] for which fits(n) (fits is monotone), or 0. */
  const largest = (hi: number, ok: (n: number) => boolean) => {
    let lo = 0;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (ok(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Diagrams go first (their facts stay as text), then rows, then (if even no rows fit) whole manifests.
  const diagrams = largest(input.result.plans.length, (d) => fits({ rows: total, manifests: Infinity, diagrams: d }));
  if (fits({ rows: total, manifests: Infinity, diagrams })) return render(input, { rows: total, manifests: Infinity, diagrams }, frame);
  const rows = largest(total, (r) => fits({ rows: r, manifests: Infinity, diagrams: 0 }));
  if (fits({ rows, manifests: Infinity, diagrams: 0 })) return render(input, { rows, manifests: Infinity, diagrams: 0 }, frame);
  const manifests = largest(input.result.plans.length, (m) => fits({ rows: 0, manifests: m, diagrams: 0 }));
  const text = render(input, { rows: 0, manifests, diagrams: 0 }, frame);
  if (size(text) <= max) return text;
  // Only a pathological verdict line or note gets here: cut by characters, keeping the footer.
  const tail = "\n\n…(shortened)\n" + frame.footer.join("\n") + "\n";
  const chars = [...text];
  let keep = max - size(tail);
  while (keep > 0 && size(chars.slice(0, keep).join("")) > max - size(tail)) keep -= Math.max(1, Math.ceil(keep / 100));
  return chars.slice(0, Math.max(0, keep)).join("") + tail;
}

const codePoints = (s: string) => [...s].length;
const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

function policyFooter(input: MarkdownInput): string[] {
  return input.policySource ? [`<sub>Judged by the policies in ${escapeMd(input.result.policiesDir)}/ of the ${escapeMd(input.policySource)}.</sub>`] : [];
}

/** The job summary: the verdict, every manifest's plan and the full table of findings. */
export function toSummary(input: MarkdownInput, maxBytes = MAX_SUMMARY_BYTES - 1024): string {
  return fit(input, { elsewhere: "the JSON report (the Action's `report` output) has them all", footer: policyFooter(input), impactRows: 500 }, maxBytes, utf8Bytes);
}

/** The pull request comment: the same report, shortened to GitHub's limit, marked for updating in place. */
export function toComment(input: MarkdownInput, maxChars = MAX_COMMENT_CHARS): string {
  const elsewhere = input.detailsUrl ? `see [the job summary](${input.detailsUrl})` : "see the job summary";
  return fit(input, { elsewhere, footer: [...policyFooter(input), "", COMMENT_MARKER], impactRows: 20 }, maxChars, codePoints);
}
