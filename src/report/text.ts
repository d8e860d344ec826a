import { problemCount, type Problem } from "../documents/problem.js";
import type { SourceLocation } from "../documents/source.js";
import { shortDigest } from "../governance/digest.js";
import { statusOf } from "../governance/judge.js";
import type { Finding } from "../rules/types.js";
import type { CheckResult } from "../check/run.js";
import { withoutControls } from "./escape.js";
import { planPictures } from "./mermaid.js";

/** Text from input (file names, values, messages quoting them): control characters shown as \u{..}, never sent to the terminal. */
const t = withoutControls;

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOR: Style = { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
export const PLAIN: Style = { red: (s) => s, yellow: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };

export function where(l: SourceLocation): string {
  return `${t(l.file)}:${l.line}:${l.column}`;
}

/** "inventory: postgres inventory.objects as of 12:04:31Z": which snapshot of a live inventory the run was judged against. */
export function inventoryLine(info: CheckResult["inventory"]): string | undefined {
  if (info?.source !== "postgres") return undefined;
  return `inventory: postgres ${info.table ?? "query"} as of ${info.asOf.slice(11, 19)}Z`;
}

/** The verdict in one line: what a person reads first. */
export function headline(r: CheckResult): string {
  const statuses = r.findings.map(statusOf);
  const count = (s: string) => statuses.filter((x) => x === s).length;
  const blocking = count("blocking");
  const lifted = [count("overridden") ? `${count("overridden")} overridden` : "", count("waived") ? `${count("waived")} waived` : ""].filter(Boolean);
  const n = r.manifests.length;
  const manifests = `${n} manifest${n === 1 ? "" : "s"}`;
  const problems = problemCount(r.problems);
  if (r.verdict === "error") return `ERROR: Blastgate could not judge ${manifests}: ${problems} input problem${problems === 1 ? "" : "s"} to fix`;
  if (r.verdict === "blocked") {
    return `BLOCKED: ${blocking} mandatory finding${blocking === 1 ? "" : "s"} in ${blockedIn(
      r,
      r.findings.filter((_, i) => statuses[i] === "blocking"),
    )}${lifted.length ? ` (${lifted.join(", ")})` : ""}`;
  }
  if (lifted.length > 0) return `ALLOWED: ${manifests} checked, no blocking findings (${[...lifted, ...(r.counts.advisory ? [`${r.counts.advisory} advisory`] : [])].join(", ")})`;
  return `ALLOWED: ${manifests} checked, no mandatory findings${r.counts.advisory ? ` (${r.counts.advisory} advisory)` : ""}`;
}

/**
 * Where the blocking findings are: "3 of 4 manifests", and any other file counted apart ("4 manifests and
 * 1 other file": a governed script no manifest names, a changed policy), never as a manifest.
 */
export function blockedIn(r: Pick<CheckResult, "manifests">, blocking: readonly Finding[]): string {
  const judged = new Set(r.manifests);
  const files = new Set(blocking.map((f) => f.manifest));
  const inManifests = [...files].filter((f) => judged.has(f)).length;
  const others = files.size - inManifests;
  const n = r.manifests.length;
  const manifests = `${n} manifest${n === 1 ? "" : "s"}`;
  const parts = [inManifests === n ? manifests : `${inManifests} of ${manifests}`];
  if (others > 0) {
    const other = `${others} other file${others === 1 ? "" : "s"} (${others === 1 ? "not a manifest" : "not manifests"})`;
    if (inManifests === 0) return other;
    parts.push(other);
  }
  return parts.join(" and ");
}

/** The report for people at a terminal, in the order a reviewer reads: verdict, then each manifest's plan and findings. */
export function toText(r: CheckResult, style: Style = PLAIN): string {
  const out: string[] = [];
  const head = headline(r);
  out.push(style.bold(r.verdict === "allowed" ? style.green(head) : r.verdict === "blocked" ? style.red(head) : style.red(head)));
  const inventory = inventoryLine(r.inventory);
  if (inventory) out.push(style.dim(inventory));
  if (r.problems.length > 0) {
    out.push("");
    out.push(style.bold("Input problems (nothing with a problem was judged):"));
    for (const p of r.problems) out.push(problemLine(p, style));
  }
  const byManifest = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const list = byManifest.get(f.manifest) ?? [];
    list.push(f);
    byManifest.set(f.manifest, list);
  }
  const seen = new Set<string>();
  const digests = new Map((r.digests ?? []).map((d) => [d.subject, d.digest]));
  const judged = new Set(r.manifests);
  for (const plan of r.plans) {
    out.push("");
    const digest = digests.get(plan.manifest);
    out.push(style.bold(t(plan.manifest)) + style.dim(` (${t(plan.name)})${digest ? `  ${shortDigest(digest)}` : ""}`));
    out.push(`  Plan: ${t(plan.summary)}`);
    // The facts the job summary draws as diagrams, as text.
    for (const picture of planPictures(plan, byManifest.get(plan.manifest) ?? [])) out.push(`  ${picture.title}:`, ...picture.facts.map((f) => `    ${t(f)}`));
    if (!seen.has(plan.manifest)) {
      seen.add(plan.manifest);
      const findings = byManifest.get(plan.manifest) ?? [];
      // A problem in another manifest's own file does not touch this one; any other problem (policies, inventory, an identifier file) may.
      if (findings.length === 0)
        out.push(r.problems.some((p) => p.location.file === plan.manifest || !judged.has(p.location.file)) ? `  ${style.yellow("!")} no findings, but not fully judged: see the input problems above` : `  ${style.green("✔")} no findings`);
      for (const f of findings) out.push(findingLine(f, style));
    }
  }
  // Findings about no judged manifest: governed scripts without one, for instance.
  const others = r.findings.filter((f) => !seen.has(f.manifest));
  if (others.length > 0) {
    out.push("");
    out.push(style.bold("Other findings:"));
    for (const f of others) out.push(findingLine(f, style));
  }
  out.push(...governanceLines(r, style));
  if (r.manifests.length === 0) {
    out.push("");
    out.push("No manifests found. Pass manifest paths or globs, or add a YAML file with `kind: Operation`.");
  }
  return out.join("\n") + "\n";
}

function findingLine(f: Finding, style: Style): string {
  const status = statusOf(f);
  const mark = status === "blocking" ? style.red("✖") : status === "advisory" ? style.yellow("!") : style.green("↷");
  const lifted =
    status === "overridden" && f.override
      ? `  (overridden by ${f.override.by}: ${f.override.reason})`
      : status === "waived" && f.waiver
        ? `  (waived by ${f.waiver.name}, owner ${f.waiver.owner}, until ${f.waiver.expires}: ${f.waiver.reason})`
        : "";
  return `  ${mark} ${where(f.location)}  ${f.enforcement}${status === "overridden" || status === "waived" ? `, ${status}` : ""}  ${t(f.message + lifted)}  ${style.dim(t(f.ruleId))}`;
}

/** Overrides, approvals and waivers: who lifted or signed what, and what was refused and why. */
function governanceLines(r: CheckResult, style: Style): string[] {
  const out: string[] = [];
  const ok = style.green("✔");
  const no = style.red("✖");
  if (r.overrides && r.overrides.length > 0) {
    out.push("", style.bold("Overrides:"));
    for (const o of r.overrides) {
      const what = `${o.by} overrides ${o.ruleId}${o.manifest ? ` on ${o.manifest}` : ""}${o.reason ? `: "${o.reason}"` : ""}`;
      const review = style.dim(`review ${o.reviewId}${o.commit ? ` at ${o.commit.slice(0, 7)}` : ""}${o.digest ? `, ${shortDigest(o.digest)}` : ""}`);
      if (o.status === "accepted") out.push(`  ${ok} accepted  ${t(what)} (via ${o.via === "user" ? "overrideUsers" : o.via})  ${review}`);
      else if (o.status === "unused") out.push(`  ${style.yellow("!")} unused  ${t(what)}: the rule found nothing to override  ${review}`);
      else out.push(`  ${no} refused  ${t(what)}: ${t(o.refusal?.message ?? "refused")}  ${review}`);
    }
  }
  if (r.approvals && r.approvals.length > 0) {
    out.push("", style.bold("Approvals:"));
    for (const a of r.approvals) {
      const who = a.approvedBy.length > 0 ? ` by ${a.approvedBy.map((x) => x.login).join(", ")}` : "";
      const refused = a.refused.length > 0 ? style.dim(t(`; not counted: ${a.refused.map((x) => x.reason).join("; ")}`)) : "";
      out.push(`  ${a.satisfied ? ok : no} ${t(a.manifest)}  ${a.roles.join(", ")} ${t(a.team)}: ${a.approvedBy.length} of ${a.need}${t(who)}${refused}`);
    }
  }
  const waivers = (r.waivers ?? []).filter((w) => w.status !== "not-checked");
  if (waivers.length > 0) {
    out.push("", style.bold("Waivers:"));
    for (const w of waivers) {
      const mark = w.status === "applied" ? ok : w.status === "unused" ? style.yellow("!") : no;
      const detail = w.status === "applied" ? `waives ${w.waived.map((x) => x.ruleId).join(", ")} on ${w.files.join(", ")}: ${w.reason}` : (w.message ?? "");
      out.push(`  ${mark} ${w.status}  ${t(`${w.name} (owner ${w.owner}, until ${w.expires})  ${detail}`)}  ${style.dim(where(w.location))}`);
    }
  }
  return out;
}

function problemLine(p: Problem, style: Style): string {
  return `  ${style.red("✖")} ${where(p.location)}  ${t(p.message)}  ${style.dim(p.code)}`;
}
