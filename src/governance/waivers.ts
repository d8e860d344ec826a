/**
 * Waivers: standing exceptions the platform team keeps among the policy files (so a pull request
 * cannot write its own). A waiver lifts soft-mandatory findings of the rules it names on the manifest
 * it names, until it expires; it never lifts a hard-mandatory one, and anything doubtful (expired,
 * content changed, a name held by two manifests) makes it waive nothing.
 */
import type { Problem } from "../documents/problem.js";
import { pointerOf, type SourceLocation } from "../documents/source.js";
import type { Validated, WaiverDocument } from "../documents/types.js";
import { formatDuration, parseDate } from "../documents/units.js";
import { suggest } from "../documents/validate.js";
import type { Finding } from "../rules/types.js";
import { shortDigest } from "./digest.js";
import type { GovernanceFacts } from "./facts.js";
import type { WaiverRecord, WaiverTerms } from "../rules/status.js";

export interface CompiledWaiver extends WaiverTerms {
  /** The first instant it no longer holds: midnight UTC after the `expires` day. */
  endsAt: Date;
  location: SourceLocation;
  expiresLocation: SourceLocation;
}

const DAY = 86400_000;

export const WAIVER_EXPIRED = "blastgate/waiver-expired";

/**
 * Checks waivers against the rules in force and the manifests of the workspace: a waiver naming a
 * rule or a manifest that does not exist, or expiring further ahead than a Policy allows, is a problem.
 */
export function compileWaivers(
  docs: readonly Validated<WaiverDocument>[],
  opts: { ruleIds: readonly string[]; manifestNames: ReadonlyMap<string, string[]> | undefined; maxExpiry: { seconds: number; location: SourceLocation } | undefined; now: Date },
): { waivers: CompiledWaiver[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const waivers: CompiledWaiver[] = [];
  const seen = new Map<string, SourceLocation>();
  for (const { doc, source } of docs) {
    const at = (...p: (string | number)[]) => source.map.locate(pointerOf(p));
    const name = doc.metadata.name;
    const location = at("metadata", "name");
    let ok = true;
    const earlier = seen.get(name);
    if (earlier) {
      problems.push({ code: "waiver", message: `waiver name '${name}' is used twice (first at ${earlier.file}:${earlier.line})`, location });
      ok = false;
    }
    seen.set(name, location);
    doc.spec.rules.forEach((r, i) => {
      if (opts.ruleIds.includes(r)) return;
      const hint = suggest(r, opts.ruleIds);
      problems.push({ code: "waiver", message: `waiver '${name}' names rule '${r}', which is not a rule of the policies${hint ? ` (did you mean '${hint}'?)` : ""}`, location: at("spec", "rules", i) });
      ok = false;
    });
    if (opts.manifestNames && !opts.manifestNames.has(doc.spec.manifest)) {
      const hint = suggest(doc.spec.manifest, [...opts.manifestNames.keys()]);
      problems.push({
        code: "waiver",
        message: `waiver '${name}' names manifest '${doc.spec.manifest}', but no manifest in the repository has that metadata.name${hint ? ` (did you mean '${hint}'?)` : ""}`,
        location: at("spec", "manifest"),
      });
      ok = false;
    }
    const expires = parseDate(doc.spec.expires);
    const expiresLocation = at("spec", "expires");
    if (!expires.ok) {
      problems.push({ code: "waiver", message: `spec.expires: ${expires.reason}`, location: expiresLocation });
      ok = false;
    } else if (opts.maxExpiry && expires.value.getTime() + DAY - opts.now.getTime() > opts.maxExpiry.seconds * 1000) {
      // The waiver holds to the end of its `expires` day (see endsAt), so the cap counts to there too.
      const ahead = formatDuration((expires.value.getTime() + DAY - opts.now.getTime()) / 1000);
      problems.push({
        code: "waiver",
        message: `waiver '${name}' holds until the end of ${doc.spec.expires} (UTC), ${ahead} ahead; the Policy at ${opts.maxExpiry.location.file}:${opts.maxExpiry.location.line} allows waivers at most ${formatDuration(opts.maxExpiry.seconds)} ahead`,
        location: expiresLocation,
      });
      ok = false;
    }
    if (!ok || !expires.ok) continue;
    const w: CompiledWaiver = {
      name,
      manifest: doc.spec.manifest,
      rules: doc.spec.rules,
      reason: doc.spec.reason.trim(),
      owner: doc.spec.owner.trim(),
      expires: doc.spec.expires,
      endsAt: new Date(expires.value.getTime() + DAY),
      location,
      expiresLocation,
    };
    if (doc.spec.digest !== undefined) w.digest = doc.spec.digest;
    waivers.push(w);
  }
  return { waivers, problems };
}

/**
 * Applies waivers to the findings still blocking (after overrides). Returns a record per waiver and
 * the advisory findings of expired waivers whose manifest was checked.
 */
export function applyWaivers(findings: Finding[], facts: GovernanceFacts, manifests: ReadonlyMap<string, string>, now: Date): { records: WaiverRecord[]; findings: Finding[] } {
  const records: WaiverRecord[] = [];
  const added: Finding[] = [];
  for (const w of facts.waivers) {
    const files = [...manifests]
      .filter(([, n]) => n === w.manifest)
      .map(([f]) => f)
      .sort();
    const record: WaiverRecord = {
      name: w.name,
      manifest: w.manifest,
      rules: w.rules,
      reason: w.reason,
      owner: w.owner,
      expires: w.expires,
      location: w.location,
      status: "unused",
      files,
      waived: [],
      notApplied: [],
    };
    if (w.digest) record.digest = w.digest;
    records.push(record);
    if (now.getTime() >= w.endsAt.getTime()) {
      record.status = "expired";
      record.message = `expired at the end of ${w.expires} (UTC): it waives nothing`;
      for (const file of files) {
        added.push({
          ruleId: WAIVER_EXPIRED,
          ruleType: "waiver",
          enforcement: "advisory",
          severity: "warning",
          messageId: "expired",
          message: `waiver '${w.name}' expired on ${w.expires}: rule${w.rules.length === 1 ? "" : "s"} ${w.rules.join(", ")} block${w.rules.length === 1 ? "s" : ""} this manifest again; renew the waiver with a new date, or remove it`,
          location: w.expiresLocation,
          manifest: file,
          evidence: { waiver: w.name, expires: w.expires, rules: w.rules },
          policy: w.location,
          status: "advisory",
        });
      }
      continue;
    }
    if (files.length === 0) {
      record.status = "not-checked";
      record.message = `no manifest named '${w.manifest}' was checked in this run`;
      continue;
    }
    const holders = facts.manifestNames?.get(w.manifest) ?? files;
    const allHolders = [...new Set([...holders, ...files])];
    if (allHolders.length > 1) {
      record.status = "ambiguous";
      record.message = `${allHolders.length} manifests are named '${w.manifest}' (${allHolders.sort().join(", ")}): a waiver names exactly one, so it waives nothing`;
      continue;
    }
    const file = files[0]!;
    if (w.digest) {
      const head = facts.head.get(file);
      if (!head || head.digest !== w.digest) {
        record.status = "stale";
        record.message = head
          ? `${head.files.join(" or ")} changed: the content at head is ${shortDigest(head.digest)}, the waiver holds for ${shortDigest(w.digest)} only, so it waives nothing`
          : `the content of ${file} at head is not known, so spec.digest cannot be compared: it waives nothing`;
        continue;
      }
    }
    for (const f of findings) {
      if (f.manifest !== file || !w.rules.includes(f.ruleId)) continue;
      if (f.enforcement === "hard-mandatory") {
        if (!record.notApplied.some((n) => n.ruleId === f.ruleId)) record.notApplied.push({ ruleId: f.ruleId, manifest: file, reason: `rule '${f.ruleId}' is hard-mandatory: no waiver lifts it` });
        continue;
      }
      if (f.enforcement !== "soft-mandatory" || f.status !== "blocking") continue;
      f.status = "waived";
      f.waiver = { name: w.name, reason: w.reason, owner: w.owner, expires: w.expires, location: w.location };
      record.waived.push({ ruleId: f.ruleId, manifest: file, location: f.location });
    }
    if (record.waived.length > 0) record.status = "applied";
    else record.message = record.notApplied.length > 0 ? record.notApplied.map((n) => n.reason).join("; ") : `no finding of ${w.rules.join(", ")} on ${file} needed waiving`;
  }
  return { records, findings: added };
}
