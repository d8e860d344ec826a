/**
 * The approval record: what the Action leaves on a pull request's head commit (a check run named
 * `blastgate/approval`, one per manifest judged) so that the runtime guard can tell, days later, that this
 * exact content was allowed and which soft-mandatory findings reviewers lifted. Pure: building the record
 * from a check's result, reading it back, choosing the one that counts.
 */
import type { Finding } from "../rules/types.js";
import { statusOf } from "./judge.js";
import type { DigestEntry } from "../rules/status.js";

export const APPROVAL_CHECK = "blastgate/approval";
/** The app whose check runs count: the Action writes them with the workflow's token, which acts as GitHub Actions. */
export const APPROVAL_APP = "github-actions";

export interface RunApproval {
  /** The manifest's metadata.name. */
  manifest: string;
  /** Repository-relative path of the manifest. */
  path: string;
  /** What the verdict binds to: the manifest, its identifier file and its scripts. */
  digest: string;
  verdict: "allowed" | "blocked" | "error";
  /** Soft-mandatory findings reviewers lifted. */
  overrides: { rule: string; by: string; reason: string }[];
  /** Soft-mandatory findings a waiver lifted. */
  waivers: { rule: string; waiver: string }[];
}

/** The records of one check: one per manifest whose digest is known. */
export function approvalsOf(result: { verdict: "allowed" | "blocked" | "error"; findings: readonly Finding[]; plans: readonly { manifest: string; name: string }[]; digests?: readonly DigestEntry[] }): RunApproval[] {
  const out: RunApproval[] = [];
  for (const plan of result.plans) {
    const digest = result.digests?.find((d) => d.subject === plan.manifest)?.digest;
    if (digest === undefined) continue;
    const own = result.findings.filter((f) => f.manifest === plan.manifest);
    const verdict = result.verdict === "error" ? "error" : own.some((f) => statusOf(f) === "blocking") ? "blocked" : "allowed";
    out.push({
      manifest: plan.name,
      path: plan.manifest,
      digest,
      verdict,
      overrides: own.filter((f) => statusOf(f) === "overridden" && f.override).map((f) => ({ rule: f.ruleId, by: f.override!.by, reason: f.override!.reason })),
      waivers: own.filter((f) => statusOf(f) === "waived" && f.waiver).map((f) => ({ rule: f.ruleId, waiver: f.waiver!.name })),
    });
  }
  return out;
}

/** A record read back from a check run's `output.text`, or why it is not one. */
export function parseApproval(text: unknown): RunApproval | string {
  if (typeof text !== "string") return "the check run has no output text";
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return "its output text is not JSON";
  }
  const r = v as Record<string, unknown> | null;
  if (r === null || typeof r !== "object" || Array.isArray(r)) return "its output text is not a JSON object";
  for (const k of ["manifest", "path", "digest"] as const) if (typeof r[k] !== "string") return `its output text has no string '${k}'`;
  if (r.verdict !== "allowed" && r.verdict !== "blocked" && r.verdict !== "error") return "its output text has no verdict";
  const list = (k: string) => (Array.isArray(r[k]) ? (r[k] as unknown[]) : undefined);
  const overrides = list("overrides");
  const waivers = list("waivers");
  if (!overrides || !waivers) return "its output text has no overrides or waivers list";
  const str = (o: unknown, k: string) => (o !== null && typeof o === "object" && typeof (o as Record<string, unknown>)[k] === "string" ? ((o as Record<string, unknown>)[k] as string) : undefined);
  if (!overrides.every((o) => str(o, "rule") && str(o, "by") !== undefined) || !waivers.every((w) => str(w, "rule") && str(w, "waiver") !== undefined)) return "its overrides or waivers are malformed";
  return {
    manifest: r.manifest as string,
    path: r.path as string,
    digest: r.digest as string,
    verdict: r.verdict,
    overrides: overrides.map((o) => ({ rule: str(o, "rule")!, by: str(o, "by")!, reason: str(o, "reason") ?? "" })),
    waivers: waivers.map((w) => ({ rule: str(w, "rule")!, waiver: str(w, "waiver")! })),
  };
}

/** A check run as the guard reads it. */
export interface ApprovalCheckRun {
  id: number;
  name: string;
  app: string | undefined;
  text: unknown;
  /** The check suite GitHub filed it under (a workflow run's, for the workflow token). */
  suite?: number;
}

export type ChosenApproval = { ok: true; record: RunApproval; id: number; suite?: number; ignored: number } | { ok: false; reason: string };

/**
 * The record that counts for a manifest on one commit: the latest `blastgate/approval` check run of the
 * expected app that names the manifest's path (a review can re-judge the commit: the last judgement stands).
 * Check runs of any other app are ignored and counted: anyone with `checks: write` could have written them.
 */
export function chooseApproval(runs: readonly ApprovalCheckRun[], path: string, app = APPROVAL_APP): ChosenApproval {
  const ours = runs.filter((r) => r.name === APPROVAL_CHECK);
  const fromApp = ours.filter((r) => r.app === app);
  const ignored = ours.length - fromApp.length;
  const records: { record: RunApproval; id: number; suite?: number }[] = [];
  let malformed: string | undefined;
  for (const r of fromApp) {
    const parsed = parseApproval(r.text);
    if (typeof parsed === "string") malformed ??= `check run ${r.id}: ${parsed}`;
    else if (parsed.path === path) records.push({ record: parsed, id: r.id, ...(r.suite !== undefined ? { suite: r.suite } : {}) });
  }
  const latest = records.sort((a, b) => b.id - a.id)[0];
  if (latest) return { ok: true, ...latest, ignored };
  const why = [ignored > 0 ? `${ignored} ${APPROVAL_CHECK} check run${ignored === 1 ? "" : "s"} of another app than '${app}' ignored` : "", malformed ?? ""].filter(Boolean).join("; ");
  return { ok: false, reason: `no ${APPROVAL_CHECK} record for ${path}${why ? ` (${why})` : ""}` };
}

/** Whether the record lifts a finding found again at execution: a soft-mandatory one its reviewers overrode or a waiver lifted; nothing else. */
export function liftedBy(record: RunApproval | undefined, f: Finding): boolean {
  if (!record || f.enforcement !== "soft-mandatory") return false;
  return record.overrides.some((o) => o.rule === f.ruleId) || record.waivers.some((w) => w.rule === f.ruleId);
}
