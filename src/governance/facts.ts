/**
 * What governance knows once the I/O is done (see collect.ts): reviews read, memberships gathered,
 * digests at head and at each review's commit. Everything here is pure lookups over that data.
 */
import type { SourceLocation } from "../documents/source.js";
import type { DigestResult } from "./digest.js";
import { shortDigest } from "./digest.js";
import { namesScript } from "../rules/scripts.js";
import { readReviews, sameLogin, type ReadReviews } from "./reviews.js";
import { MEMBERS_READ_TOKEN, MembershipTable } from "./teams.js";
import type { ApprovalRecord, ApprovalRole, DigestEntry } from "../rules/status.js";
import type { CompiledWaiver } from "./waivers.js";
import type { ChangeSet } from "../rules/types.js";

/** A reviewer's permission on the repository (GET /repos/{o}/{r}/collaborators/{user}/permission), or why it is not known. */
export type Permission = { state: "known"; permission: string } | { state: "unknown"; reason: string };

/** Permissions that let a review count, as GitHub counts required reviews: write access. */
export const WRITE_PERMISSIONS = ["admin", "maintain", "write"];

/** One commit of the pull request and who wrote it: author, committer and whoever pushed it. */
export interface CommitFacts {
  sha: string;
  authors: string[];
  committers: string[];
  pushers: string[];
  /** The files it changes; undefined when they could not be read (`filesUnknown` says why). */
  files: string[] | undefined;
  filesUnknown?: string;
}

/** Who wrote the pull request's commits, or why it is not known. */
export type Authorship = { state: "known"; commits: CommitFacts[] } | { state: "unknown"; reason: string };

/** The files a subject's sign-off covers: its manifest and identifier file (paths), and the governed scripts it names (paths or globs). */
export interface JudgedFiles {
  paths: string[];
  scripts: string[];
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
  /** Lower-cased login -> permission on the repository; a login not in it is unknown. */
  permissions: Map<string, Permission>;
  /** Who wrote which commit of the pull request; undefined when nobody looked (then nobody can be cleared). */
  authorship: Authorship | undefined;
  /** Subject -> the files whose change makes their writers unable to sign it off. */
  judged: Map<string, JudgedFiles>;
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
    permissions: new Map(),
    authorship: undefined,
    judged: new Map(),
  };
}

/** Why a reviewer's review cannot count for lack of write access, or undefined when they have it. */
export function noWriteAccess(facts: GovernanceFacts, login: string): { code: "no-write-access" | "permission-unknown"; message: string } | undefined {
  const p = facts.permissions.get(login.toLowerCase());
  if (!p) return { code: "permission-unknown", message: `${login}'s permission on the repository was not read, so their review cannot count (only reviewers with write access do)` };
  if (p.state === "unknown") return { code: "permission-unknown", message: `${login}'s permission on the repository cannot be read (${p.reason}), so their review cannot count (only reviewers with write access do)` };
  if (WRITE_PERMISSIONS.includes(p.permission)) return undefined;
  return { code: "no-write-access", message: `${login} has permission ${p.permission} on the repository: only reviewers with write access count` };
}

/**
 * Why a reviewer cannot sign off a subject because they wrote part of it (authored, committed or
 * pushed a commit that changes one of its files), or undefined. As GitHub's "approval of the most
 * recent reviewable push": whoever wrote the change is not its reviewer.
 */
export function wroteChange(facts: GovernanceFacts, subject: string, login: string): { code: "wrote-change" | "authorship-unknown"; message: string } | undefined {
  const a = facts.authorship;
  if (!a) return { code: "authorship-unknown", message: "who wrote the pull request's commits was not read, so a reviewer who wrote the change cannot be ruled out" };
  if (a.state === "unknown") return { code: "authorship-unknown", message: `who wrote the pull request's commits cannot be read (${a.reason}), so a reviewer who wrote the change cannot be ruled out` };
  const judged = facts.judged.get(subject) ?? { paths: [subject], scripts: [] };
  const touches = (file: string) => judged.paths.includes(file) || judged.scripts.some((g) => namesScript(g, file));
  for (const c of a.commits) {
    const roles = [c.authors.some((l) => sameLogin(l, login)) ? "authored" : "", c.committers.some((l) => sameLogin(l, login)) ? "committed" : "", c.pushers.some((l) => sameLogin(l, login)) ? "pushed" : ""].filter(Boolean);
    if (roles.length === 0) {
      // A commit that names no account at all (no linked author or committer, no push seen) may be anyone's, the reviewer's included.
      if (c.authors.length + c.committers.length + c.pushers.length > 0) continue;
      if (c.files !== undefined && !c.files.some(touches)) continue;
      const what = c.files === undefined ? `whose files cannot be read (${c.filesUnknown ?? "not read"}), so it may change ${subject}` : `which changes ${c.files.find(touches)}`;
      return { code: "authorship-unknown", message: `commit ${c.sha.slice(0, 7)}, ${what}, names no GitHub account as its author, committer or pusher, so ${login} cannot be ruled out as its writer` };
    }
    const did = roles.join(" and ");
    if (c.files === undefined) return { code: "authorship-unknown", message: `${login} ${did} commit ${c.sha.slice(0, 7)}, whose files cannot be read (${c.filesUnknown ?? "not read"}), so it may change ${subject}` };
    const file = c.files.find(touches);
    if (file !== undefined) return { code: "wrote-change", message: `${login} ${did} commit ${c.sha.slice(0, 7)}, which changes ${file}: whoever wrote the change cannot approve or override it` };
  }
  return undefined;
}

/**
 * Whether what a reviewer saw at `commit` is what head holds now, for one subject: the same files
 * (digest), and for a manifest the same plan (what its identifiers are, whose, and what lies inside).
 */
export function boundTo(facts: GovernanceFacts, subject: string, commit: string | null): { ok: true; digest: string; reviewed: string } | { ok: false; reason: string; reviewed: string | null; digest?: string; code?: "plan-changed" } {
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
    if (reason === undefined) reason = noWriteAccess(facts, a.login)?.message ?? wroteChange(facts, req.manifest, a.login)?.message;
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
