/**
 * Pull request reviews, as GitHub's REST API returns them (GET /repos/{owner}/{repo}/pulls/{n}/reviews),
 * read into the approvals and override requests they carry. Pure: no I/O, no judgement of who may do what.
 */
import { hasVisibleText, visibleLines } from "./markdown.js";

/** The fields of a GitHub review Blastgate reads; anything else the API sends is ignored. */
export interface Review {
  id: number;
  /** null for a deleted ("ghost") account. */
  user: { login: string; type?: string } | null;
  body: string | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** The head commit the reviewer saw; null for reviews of commits GitHub no longer has. */
  commit_id: string | null;
  /** Absent for PENDING reviews. */
  submitted_at?: string | null;
  /**
   * The body's edit history, from GraphQL (PullRequestReview `lastEditedAt`, `editor`, `userContentEdits`).
   * Absent: not read, so an override in the body cannot be attributed and counts for nothing.
   */
  lastEditedAt?: string | null;
  editor?: { login: string } | null;
  userContentEdits?: { totalCount?: number; nodes: ({ editedAt?: string | null; editor: { login: string } | null } | null)[] } | null;
  /** Set by a caller that tried to read the edit history and could not: why. */
  editsUnreadable?: string;
}

/** Who edited a review's body besides its reviewer, or why that is not known. */
export type EditHistory = { state: "known"; others: string[] } | { state: "unknown"; reason: string };

/** An approving review that still stands. */
export interface Approval {
  reviewId: number;
  login: string;
  commit: string | null;
  submittedAt: string | null;
}

/** A `blastgate override <rule-id>: <reason>` line of a review, before anyone judged whether it counts. */
export interface OverrideRequest {
  reviewId: number;
  login: string;
  commit: string | null;
  submittedAt: string | null;
  ruleId: string;
  reason: string;
  /** The line of the review body it stands on (1-based). */
  line: number;
  /** `for <name>`: the manifest (its metadata.name) the override is for. */
  manifest?: string;
  /** Who else edited the review's body. */
  edits?: EditHistory;
  /** Set when the review itself cannot carry an override: it does not approve, or a later review withdrew it. */
  notApproving?: { code: "not-approved" | "superseded"; message: string };
}

export interface ReadReviews {
  /** Approving reviews whose author has not withdrawn them (a later CHANGES_REQUESTED or a dismissal does). */
  approvals: Approval[];
  overrides: OverrideRequest[];
}

/** `blastgate override <rule-id> [for <manifest-name>]: <reason>` opening a rendered line (markdown.ts finds those). */
const OVERRIDE_LINE = /^\s*blastgate\s+override\b(.*)$/i;
const RULE_AND_REASON = /^\s+([^\s:]+)(?:\s+for\s+([^\s:]+))?\s*(?::(.*))?$/i;

/** A user's later review of one of these states replaces their earlier ones; COMMENTED does not. */
const DECISIVE = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

export const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The approvals and override lines of a pull request's reviews. GitHub counts a reviewer's latest
 * decisive review: an approval followed by a change request or a dismissal no longer approves, and
 * its override lines no longer count either.
 */
export function readReviews(reviews: readonly Review[]): ReadReviews {
  const submitted = reviews
    .filter((r) => r && r.user && typeof r.user.login === "string" && r.state !== "PENDING")
    .map((r, i) => ({ r, i }))
    .sort((a, b) => cmp(a.r.submitted_at ?? "", b.r.submitted_at ?? "") || a.r.id - b.r.id || a.i - b.i)
    .map(({ r }) => r);
  const latest = new Map<string, Review>();
  for (const r of submitted) if (DECISIVE.has(r.state)) latest.set(r.user!.login.toLowerCase(), r);

  const approvals: Approval[] = [];
  const overrides: OverrideRequest[] = [];
  for (const r of submitted) {
    const login = r.user!.login;
    const last = latest.get(login.toLowerCase());
    const standing = r.state === "APPROVED" && last?.state === "APPROVED";
    const base = { reviewId: r.id, login, commit: r.commit_id ?? null, submittedAt: r.submitted_at ?? null };
    if (standing) approvals.push(base);
    for (const { text, line } of visibleLines(r.body ?? "")) {
      const m = OVERRIDE_LINE.exec(text);
      if (!m) continue;
      const rest = RULE_AND_REASON.exec(m[1] ?? "");
      const reason = (rest?.[3] ?? "").trim();
      // A reason of invisible characters only (U+200B, U+2800, ...) renders as none.
      const request: OverrideRequest = { ...base, ruleId: visible(rest?.[1] ?? ""), reason: hasVisibleText(reason) ? visible(reason) : "", line };
      if (rest?.[2] !== undefined) request.manifest = visible(rest[2]);
      request.edits = editHistory(r);
      if (r.state !== "APPROVED") {
        request.notApproving = { code: "not-approved", message: `the review is ${r.state.toLowerCase().replace(/_/g, " ")}, not an approval: an override is an approving review` };
      } else if (!standing) {
        request.notApproving = { code: "superseded", message: `${login}'s later review (${last!.state.toLowerCase().replace(/_/g, " ")}) withdrew this approval` };
      }
      overrides.push(request);
    }
  }
  return { approvals, overrides };
}

/**
 * Who edited a review's body other than its reviewer (a deleted account counts as someone else).
 * Without the history (not read) nothing is known, and an override in the body cannot be attributed.
 */
export function editHistory(r: Review): EditHistory {
  if (r.editsUnreadable !== undefined) return { state: "unknown", reason: `the review's edit history cannot be read (${r.editsUnreadable})` };
  if (r.lastEditedAt === undefined && r.editor === undefined && r.userContentEdits === undefined) {
    return { state: "unknown", reason: "the review's edit history (lastEditedAt, editor, userContentEdits) was not read" };
  }
  const reviewer = r.user?.login ?? "";
  const others = new Set<string>();
  const note = (editor: { login: string } | null | undefined) => {
    if (!editor || typeof editor.login !== "string") others.add("a deleted account");
    else if (!sameLogin(editor.login, reviewer)) others.add(editor.login);
  };
  if (r.lastEditedAt) note(r.editor);
  const edits = r.userContentEdits;
  for (const e of edits?.nodes ?? []) if (e) note(e.editor);
  if (edits && typeof edits.totalCount === "number" && edits.totalCount > edits.nodes.length) {
    return { state: "unknown", reason: `the review was edited ${edits.totalCount} times and only ${edits.nodes.length} edit${edits.nodes.length === 1 ? " was" : "s were"} read` };
  }
  if (r.lastEditedAt && !edits) return { state: "unknown", reason: "the review was edited and its edits (userContentEdits) were not read" };
  return { state: "known", others: [...others].sort() };
}

/** Review text reaches terminals, logs and comments: control and bidirectional-override characters are shown escaped, not obeyed. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
