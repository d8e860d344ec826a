/**
 * Pull request reviews, as GitHub's REST API returns them (GET /repos/{owner}/{repo}/pulls/{n}/reviews),
 * read into the approvals and override requests they carry. Pure: no I/O, no judgement of who may do what.
 */

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
}

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
  /** Set when the review itself cannot carry an override: it does not approve, or a later review withdrew it. */
  notApproving?: { code: "not-approved" | "superseded"; message: string };
}

export interface ReadReviews {
  /** Approving reviews whose author has not withdrawn them (a later CHANGES_REQUESTED or a dismissal does). */
  approvals: Approval[];
  overrides: OverrideRequest[];
}

/** `blastgate override <rule-id>: <reason>` on a line of its own (leading spaces and a list bullet allowed; a `>` quote is not one's own override). */
const OVERRIDE_LINE = /^\s*(?:[-*]\s+)?blastgate\s+override\b(.*)$/i;
const RULE_AND_REASON = /^\s+([^\s:]+)\s*(?::(.*))?$/;

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
    const lines = (r.body ?? "").split(/\r\n|\r|\n/);
    lines.forEach((text, i) => {
      const m = OVERRIDE_LINE.exec(text);
      if (!m) return;
      const rest = RULE_AND_REASON.exec(m[1] ?? "");
      const request: OverrideRequest = { ...base, ruleId: visible(rest?.[1] ?? ""), reason: visible((rest?.[2] ?? "").trim()), line: i + 1 };
      if (r.state !== "APPROVED") {
        request.notApproving = { code: "not-approved", message: `the review is ${r.state.toLowerCase().replace(/_/g, " ")}, not an approval: an override is an approving review` };
      } else if (!standing) {
        request.notApproving = { code: "superseded", message: `${login}'s later review (${last!.state.toLowerCase().replace(/_/g, " ")}) withdrew this approval` };
      }
      overrides.push(request);
    });
  }
  return { approvals, overrides };
}

/** Review text reaches terminals, logs and comments: control and bidirectional-override characters are shown escaped, not obeyed. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
