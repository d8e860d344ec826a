/**
 * What governance knows once the I/O is done (see collect.ts): reviews read, memberships gathered,
 * digests at head and at each review's commit. Everything here is pure lookups over that data.
 */
import type { SourceLocation } from "../documents/source.js";
import type { DigestResult } from "./digest.js";
import { shortDigest } from "./digest.js";
import { readReviews, sameLogin, type ReadReviews } from "./reviews.js";
import { MEMBERS_READ_TOKEN, MembershipTable } from "./teams.js";
import type { ApprovalRecord, ApprovalRole, DigestEntry } from "./types.js";
import type { CompiledWaiver } from "./waivers.js";

/** A manifest at head as the index knows it: enough to find who names a script and which names exist. */
export interface ManifestIndexEntry {
  file: string;
  name: string | undefined;
  /** `metadata.scripts`: paths or globs. */
  scripts: string[];
}

/** What a `manifest-required` rule looks at. */
export interface ChangeSet {
  /** The changed files present at head; every file of the workspace when the caller gave no change list. */
  files: string[];
  /** true: `files` is the change; false: the whole workspace. */
  changed: boolean;
  /** Every manifest at head. */
  manifests: ManifestIndexEntry[];
}

export interface GovernanceFacts {
  /** The pull request's author; unknown means no review can be told apart from a self-approval, so none counts. */
  author: string | undefined;
  /** The repository's organisation, for teams written as a bare slug. */
  org: string | undefined;
  reviews: ReadReviews;
  memberships: MembershipTable;
  /** Subject (a manifest file, or a governed script) -> its digest at head. */
  head: Map<string, DigestEntry>;
  /** Review commit -> subject -> its digest at that commit (or why it could not be read). */
  atCommit: Map<string, Map<string, DigestResult>>;
  /** Manifest -> the scope of its plan at head (`planScope`); set by the engine as it measures each manifest. */
  plans: Map<string, string>;
  /**
   * Review commit -> manifest -> the scope of its plan with the inventory at that commit. Absent: the
   * inventory there is head's, so the plan is too (the digest holds everything else it depends on).
   */
  planAt: Map<string, Map<string, PlanAt>>;
  waivers: CompiledWaiver[];
  changes: ChangeSet | undefined;
  /** Every manifest name in the workspace -> its files; undefined when the caller did not look. */
  manifestNames: Map<string, string[]> | undefined;
}

export type PlanAt = { ok: true; scope: string } | { ok: false; reason: string };

export function emptyFacts(): GovernanceFacts {
  return {
    author: undefined,
    org: undefined,
    reviews: readReviews([]),
    memberships: new MembershipTable(),
    head: new Map(),
    atCommit: new Map(),
    plans: new Map(),
    planAt: new Map(),
    waivers: [],
    changes: undefined,
    manifestNames: undefined,
  };
}

/**
 * Whether what a reviewer saw at `commit` is what head holds now, for one subject: the same files
 * (digest), and for a manifest the same plan (what its identifiers are, whose, and what lies inside).
 */
export function boundTo(
  facts: GovernanceFacts,
  subject: string,
  commit: string | null,
): { ok: true; digest: string; reviewed: string } | { ok: false; reason: string; reviewed: string | null; digest?: string; code?: "plan-changed" } {
  const head = facts.head.get(subject);
  if (!head) return { ok: false, reason: `the content of ${subject} at head is not known, so no review can be bound to it`, reviewed: null };
  if (!commit) return { ok: false, reason: "the review names no commit, so what it approved cannot be compared with head", reviewed: null, digest: head.digest };
  const at = facts.atCommit.get(commit)?.get(subject);
  if (!at) return { ok: false, reason: `${subject} was not read at the review's commit ${commit.slice(0, 7)}`, reviewed: null, digest: head.digest };
  if (!at.ok) return { ok: false, reason: `${subject} cannot be read at the review's commit ${commit.slice(0, 7)}: ${at.reason}`, reviewed: null, digest: head.digest };
  if (at.digest !== head.digest) {
    return {
      ok: false,
      reason: `stale: ${head.files.join(" or ")} changed after the review (${shortDigest(at.digest)} at ${commit.slice(0, 7)}, ${shortDigest(head.digest)} at head)`,
      reviewed: at.digest,
      digest: head.digest,
    };
  }
  const plan = facts.planAt.get(commit)?.get(subject);
  if (plan && !plan.ok) return { ok: false, reason: `the plan of ${subject} at the review's commit ${commit.slice(0, 7)} cannot be measured: ${plan.reason}`, reviewed: at.digest, digest: head.digest };
  const now = facts.plans.get(subject);
  if (plan && plan.scope !== now) {
    return { ok: false, code: "plan-changed", reason: `the plan changed after the review (at ${commit.slice(0, 7)}: ${plan.scope}; at head: ${now ?? "not measured"})`, reviewed: at.digest, digest: head.digest };
  }
  return { ok: true, digest: head.digest, reviewed: at.digest };
}

/** Why a membership does not count, or undefined when the login is a member. */
export function notMember(facts: GovernanceFacts, team: string, login: string): string | undefined {
  const m = facts.memberships.get(team, login);
  if (m.state === "member") return undefined;
  if (m.state === "not-member") return `${login} is not a member of ${team}`;
  return `membership of ${login} in ${team} cannot be read (${m.reason}); reading team membership needs ${MEMBERS_READ_TOKEN}`;
}

/**
 * One team's approvals of one manifest: approving reviews by members other than the author, of the
 * content at head. Each approving review that does not count is listed with the reason.
 */
export function judgeApprovals(facts: GovernanceFacts, req: { manifest: string; ruleId: string; roles: ApprovalRole[]; team: string; need: number; location: SourceLocation }): ApprovalRecord {
  const counted = new Map<string, { login: string; reviewId: number; commit: string }>();
  const refused: ApprovalRecord["refused"] = [];
  for (const a of facts.reviews.approvals) {
    let reason: string | undefined;
    if (facts.author === undefined) reason = "the pull request's author is not known, so an approval cannot be told apart from a self-approval";
    else if (sameLogin(a.login, facts.author)) reason = `${a.login} is the pull request's author`;
    else {
      // Reviewers from other teams are not refusals, only not this team's: listing them all would bury the ones that matter.
      if (facts.memberships.get(req.team, a.login).state === "not-member") continue;
      reason = notMember(facts, req.team, a.login);
    }
    if (reason === undefined) {
      const b = boundTo(facts, req.manifest, a.commit);
      if (b.ok) {
        if (!counted.has(a.login.toLowerCase())) counted.set(a.login.toLowerCase(), { login: a.login, reviewId: a.reviewId, commit: a.commit! });
        continue;
      }
      reason = b.reason;
    }
    refused.push({ login: a.login, reviewId: a.reviewId, reason });
  }
  const approvedBy = [...counted.values()];
  // A reviewer whose later approval counts needs no refusal listed for an earlier one; one reason is listed once per reviewer.
  const seen = new Set<string>();
  const stillRefused = refused.filter((r) => {
    const key = `${r.login.toLowerCase()}\u0000${r.reason}`;
    if (counted.has(r.login.toLowerCase()) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { manifest: req.manifest, ruleId: req.ruleId, roles: req.roles, team: req.team, need: req.need, approvedBy, refused: stillRefused, satisfied: approvedBy.length >= req.need, location: req.location };
}
