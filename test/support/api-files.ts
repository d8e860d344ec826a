/**
 * What the CLI's governance flags read, shaped like GitHub's API answers: a review (REST) with its
 * edit history (GraphQL), reviewers' permissions, the pull request's commits and pushes.
 */
let n = 1000;
/** A review as the REST API lists it, with its edit history as GraphQL reads it (`edits`: logins that edited the body, after it was written). */
export const apiReview = (login: string, commit: string, body = "", state = "APPROVED", edits: string[] = []) => {
  const submitted = `2026-11-20T10:${String(++n % 60).padStart(2, "0")}:00Z`;
  const history = edits.length === 0 ? [] : [...edits.map((e) => ({ editedAt: "2026-11-21T09:00:00Z", editor: { login: e } })).reverse(), { editedAt: submitted, editor: { login } }];
  return {
    id: n,
    user: { login, type: "User" },
    body,
    state,
    commit_id: commit,
    submitted_at: submitted,
    html_url: "https://github.com/acme/ops/pull/1",
    author_association: "MEMBER",
    lastEditedAt: edits.length === 0 ? null : "2026-11-21T09:00:00Z",
    editor: edits.length === 0 ? null : { login: edits.at(-1)! },
    userContentEdits: { totalCount: history.length, nodes: history },
  };
};
/** Answers of GET /repos/{o}/{r}/collaborators/{user}/permission: everyone below may write, unless a test says otherwise. */
const PEOPLE = ["alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank"];
export const permissionsOf = (table: Record<string, string> = {}) => PEOPLE.map((login) => ({ permission: table[login] ?? "write", role_name: table[login] ?? "write", user: { login } }));
/** The pull request's commits (as GET .../pulls/{n}/commits, each with its files) and pushes (GET .../activity): by default none, so nobody is kept from signing off. */
export const historyOf = (commits: { sha: string; author: string | null; committer?: string | null; files: string[] }[] = [], pushes: { before: string; after: string; actor: string | null }[] = []) => ({
  commits: commits.map((c) => ({
    sha: c.sha,
    author: c.author && { login: c.author },
    committer: (c.committer === undefined ? c.author : c.committer) && { login: c.committer ?? c.author },
    commit: { message: "change" },
    files: c.files.map((filename) => ({ filename, status: "modified" })),
  })),
  activity: pushes.map((p, i) => ({ id: i + 1, ref: "refs/heads/feature", activity_type: "push", ...p, actor: p.actor && { login: p.actor } })),
});

/** The flags that hand a check those files, written to `dir` (everyone may write, nobody but alice wrote the change, unless given). */
export function apiFileArgs(dir: string, opts: { permissions?: object[]; commits?: object } = {}, write: (file: string, text: string) => void): string[] {
  write(`${dir}/permissions.json`, JSON.stringify(opts.permissions ?? permissionsOf()));
  write(`${dir}/commits.json`, JSON.stringify(opts.commits ?? historyOf()));
  return ["--permissions", `${dir}/permissions.json`, "--commits", `${dir}/commits.json`];
}
