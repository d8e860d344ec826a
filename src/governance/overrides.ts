/**
 * Overrides: an approving review with a line `blastgate override <rule-id>: <reason>` lifts the
 * soft-mandatory findings of that rule, when its author may override the rule, is not the pull
 * request's author, and approved the content head holds. Every line is judged and listed, and a
 * refused one leaves the finding blocking.
 */
import { suggest } from "../documents/validate.js";
import type { CompiledRule } from "../rules/types.js";
import type { Finding } from "../rules/types.js";
import { boundTo, noWriteAccess, wroteChange, type GovernanceFacts } from "./facts.js";
import { sameLogin, type OverrideRequest } from "./reviews.js";
import { MEMBERS_READ_TOKEN } from "./teams.js";
import type { OverrideRecord, RefusalCode } from "../rules/status.js";

type Refusal = { code: RefusalCode; message: string };

/** Who may override a rule: the reviewer's entitlement, or why they have none. */
function entitlement(rule: CompiledRule, login: string, facts: GovernanceFacts): { via: string } | Refusal {
  if (rule.overrideUsers.some((u) => sameLogin(u, login))) return { via: "user" };
  const unknown: string[] = [];
  for (const team of rule.overrideTeams) {
    const m = facts.memberships.get(team, login);
    if (m.state === "member") return { via: team };
    if (m.state === "unknown") unknown.push(`${team}: ${m.reason}`);
  }
  if (unknown.length > 0) {
    return {
      code: "membership-unknown",
      message: `team membership of ${login} cannot be read (${unknown.join("; ")}), so the override cannot be attributed and is refused; reading team membership needs ${MEMBERS_READ_TOKEN}`,
    };
  }
  const who = [rule.overrideTeams.length > 0 ? `a member of ${rule.overrideTeams.join(", ")}` : "", rule.overrideUsers.length > 0 ? `one of ${rule.overrideUsers.join(", ")}` : ""].filter(Boolean).join(" or ");
  return { code: "not-authorized", message: `${login} may not override '${rule.id}': it takes ${who}` };
}

/** Why a request cannot count whoever its author is a member of, or undefined (then membership decides). */
export function preRefusal(req: OverrideRequest, rule: CompiledRule | undefined, ruleIds: string[], author: string | undefined): Refusal | undefined {
  if (!req.ruleId) return { code: "malformed", message: "write the line as `blastgate override <rule-id>: <reason>`" };
  if (req.notApproving) return req.notApproving;
  if (!rule) {
    const hint = suggest(req.ruleId, ruleIds);
    return { code: "unknown-rule", message: `'${req.ruleId}' is not a rule of the policies${hint ? ` (did you mean '${hint}'?)` : ""}` };
  }
  if (!req.reason) return { code: "no-reason", message: `an override needs a reason: \`blastgate override ${req.ruleId}: <why>\`` };
  if (rule.enforcement === "hard-mandatory") return { code: "not-soft-mandatory", message: `rule '${rule.id}' is hard-mandatory: it cannot be overridden` };
  if (rule.enforcement === "advisory") return { code: "not-soft-mandatory", message: `rule '${rule.id}' is advisory: it never blocks, so there is nothing to override` };
  if (rule.overrideTeams.length === 0 && rule.overrideUsers.length === 0) {
    return { code: "not-overridable", message: `rule '${rule.id}' names no overrideTeams or overrideUsers (nor does its Policy): nobody may override it` };
  }
  if (author === undefined) return { code: "author-unknown", message: "the pull request's author is not known, so a self-override cannot be ruled out" };
  if (sameLogin(req.login, author)) return { code: "self-override", message: `${req.login} is the pull request's author: an override needs someone else` };
  // Anyone with write access may edit anyone's review: an override counts only as its reviewer wrote it.
  const edits = req.edits ?? { state: "unknown", reason: "the review's edit history was not read" };
  if (edits.state === "unknown") return { code: "edit-history-unknown", message: `${edits.reason}, so the override cannot be attributed to ${req.login}` };
  if (edits.others.length > 0) return { code: "edited", message: `the review was edited by ${edits.others.join(", ")}: an override counts only as its reviewer (${req.login}) wrote it` };
  return undefined;
}

/** Judges every override line against the findings; marks the findings an accepted override lifts. */
export function applyOverrides(findings: Finding[], rules: readonly CompiledRule[], facts: GovernanceFacts, names: ReadonlyMap<string, string> = new Map()): OverrideRecord[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ruleIds = [...byId.keys()];
  const records: OverrideRecord[] = [];
  for (const req of facts.reviews.overrides) {
    const base: OverrideRecord = { ruleId: req.ruleId, reason: req.reason, by: req.login, reviewId: req.reviewId, line: req.line, commit: req.commit, submittedAt: req.submittedAt, status: "refused" };
    if (req.manifest !== undefined) base.for = req.manifest;
    const rule = byId.get(req.ruleId);
    const verdict = preRefusal(req, rule, ruleIds, facts.author) ?? noWriteAccess(facts, req.login) ?? entitlement(rule!, req.login, facts);
    if ("code" in verdict) {
      records.push({ ...base, refusal: verdict });
      continue;
    }
    const found = [...new Set(findings.filter((f) => f.ruleId === req.ruleId).map((f) => f.manifest))].sort();
    const nameOf = (subject: string) => names.get(subject) ?? subject;
    // `for <name>` picks the manifest by metadata.name (a governed script without one by its path). Names are lower-case slugs, so `for DEL` means `del`.
    const wanted = req.manifest?.toLowerCase();
    const subjects = wanted === undefined ? found : found.filter((s) => nameOf(s) === wanted || s === req.manifest);
    if (wanted !== undefined && subjects.length === 0 && found.length > 0) {
      const listed = found.map((s) => `${nameOf(s)} (${s})`).join(", ");
      const hint = suggest(wanted, found.map(nameOf));
      records.push({
        ...base,
        via: verdict.via,
        refusal: { code: "unknown-manifest", message: `no manifest named '${req.manifest}' has findings of rule '${req.ruleId}'${hint ? ` (did you mean '${hint}'?)` : ""}; it has findings on ${listed}` },
      });
      continue;
    }
    if (subjects.length === 0) {
      records.push({ ...base, status: "unused", via: verdict.via });
      continue;
    }
    if (req.manifest === undefined && subjects.length > 1) {
      const listed = subjects.map((s) => `${nameOf(s)} (${s})`).join(", ");
      records.push({
        ...base,
        refusal: { code: "ambiguous", message: `rule '${req.ruleId}' has findings on ${subjects.length} manifests, ${listed}: name the one this override is for, \`blastgate override ${req.ruleId} for <name>: <reason>\`` },
      });
      continue;
    }
    for (const subject of subjects) {
      const wrote = wroteChange(facts, subject, req.login);
      if (wrote) {
        records.push({ ...base, manifest: subject, via: verdict.via, refusal: wrote });
        continue;
      }
      const b = boundTo(facts, subject, req.commit);
      if (!b.ok) {
        const record: OverrideRecord = { ...base, manifest: subject, reviewedDigest: b.reviewed, via: verdict.via, refusal: { code: b.code ?? (b.reviewed === null && !req.commit ? "no-commit" : "stale"), message: b.reason } };
        if (b.digest) record.digest = b.digest;
        records.push(record);
        continue;
      }
      records.push({ ...base, status: "accepted", manifest: subject, digest: b.digest, reviewedDigest: b.reviewed, via: verdict.via });
      // Requests come in review order: the latest accepted one is the one a finding shows.
      for (const f of findings) {
        if (f.ruleId !== req.ruleId || f.manifest !== subject || f.enforcement !== "soft-mandatory") continue;
        f.status = "overridden";
        f.override = { by: req.login, reason: req.reason, reviewId: req.reviewId, commit: req.commit!, digest: b.digest, via: verdict.via };
      }
    }
  }
  return records;
}
