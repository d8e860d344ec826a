/**
 * The CLI's governance inputs as files: `--reviews` (the reviews as GitHub's REST API returns them)
 * and `--teams` (`{ "org/slug": ["login", ...] }`). Read as YAML 1.2, which JSON is, so every
 * problem names its file and line.
 */
import { DEFAULT_LIMITS } from "../documents/limits.js";
import type { Problem } from "../documents/problem.js";
import { validateValue } from "../documents/validate.js";
import { parseYaml } from "../documents/yaml.js";
import type { CommitHistory, PermissionReader, PullCommit, PushEvent } from "./authorship.js";
import type { Permission } from "./facts.js";
import type { Review } from "./reviews.js";

// anyOf, not type: [t, "null"]: with type coercion on, the latter turns null into the string "null".
const nullable = (type: string) => ({ anyOf: [{ type: "null" }, { type }] });
const login = { type: "object", required: ["login"], properties: { login: { type: "string", minLength: 1 } } } as const;

const reviewsSchema = {
  type: "array",
  items: {
    type: "object",
    required: ["id", "user", "state"],
    properties: {
      id: { type: "integer" },
      user: { anyOf: [{ type: "null" }, { type: "object", required: ["login"], properties: { login: { type: "string", minLength: 1 } } }] },
      body: nullable("string"),
      state: { enum: ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"] },
      commit_id: nullable("string"),
      submitted_at: nullable("string"),
      // The edit history, as GraphQL's PullRequestReview has it.
      lastEditedAt: nullable("string"),
      editor: { anyOf: [{ type: "null" }, login] },
      userContentEdits: {
        anyOf: [
          { type: "null" },
          {
            type: "object",
            required: ["nodes"],
            properties: {
              totalCount: { type: "integer" },
              nodes: { type: "array", items: { anyOf: [{ type: "null" }, { type: "object", required: ["editor"], properties: { editedAt: nullable("string"), editor: { anyOf: [{ type: "null" }, login] } } }] } },
            },
          },
        ],
      },
    },
  },
} as const;

const permissionsSchema = {
  type: "array",
  items: { type: "object", required: ["permission", "user"], properties: { permission: { type: "string", minLength: 1 }, role_name: { type: "string" }, user: login } },
} as const;

const commitsSchema = {
  type: "object",
  required: ["commits", "activity"],
  properties: {
    commits: {
      type: "array",
      items: {
        type: "object",
        required: ["sha", "author", "committer"],
        properties: {
          sha: { type: "string", minLength: 1 },
          author: { anyOf: [{ type: "null" }, login] },
          committer: { anyOf: [{ type: "null" }, login] },
          files: { type: "array", items: { type: "object", required: ["filename"], properties: { filename: { type: "string" }, previous_filename: { type: "string" } } } },
        },
      },
    },
    activity: {
      type: "array",
      items: { type: "object", required: ["before", "after", "actor"], properties: { before: { type: "string" }, after: { type: "string" }, actor: { anyOf: [{ type: "null" }, login] } } },
    },
  },
} as const;

const teamsSchema = {
  type: "object",
  propertyNames: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$" },
  additionalProperties: { type: "array", items: { type: "string", minLength: 1 } },
} as const;

function read<T>(file: string, text: string, schema: object, what: string): { value?: T; problems: Problem[] } {
  const parsed = parseYaml(file, text, DEFAULT_LIMITS);
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  const doc = parsed.documents[0];
  if (!doc || parsed.documents.length > 1) return { problems: [{ code: "usage", message: `${file} must hold one JSON value: ${what}`, location: { file, line: 1, column: 1 } }] };
  const { value, problems } = validateValue(schema, doc.value, doc, "", what);
  return problems.length > 0 ? { problems } : { value: value as T, problems: [] };
}

/** What each parser returns: the value when the file is valid, else the problems (each naming file and line). */
export type Parsed<T> = { value?: T; problems: Problem[] };

export function parseReviews(file: string, text: string): Parsed<Review[]> {
  return read<Review[]>(file, text, reviewsSchema, "the pull request's reviews, a JSON list as GitHub's API returns them");
}

export function parseTeams(file: string, text: string): Parsed<Record<string, string[]>> {
  return read<Record<string, string[]>>(file, text, teamsSchema, 'team memberships, { "org/team-slug": ["login", ...] }');
}

type Login = { login: string } | null;

/** `--permissions`: a list of GET /repos/{o}/{r}/collaborators/{user}/permission answers. A login not in it has no known permission. */
export function parsePermissions(file: string, text: string): Parsed<PermissionReader> {
  const r = read<{ permission: string; user: { login: string } }[]>(file, text, permissionsSchema, "reviewers' permissions, a JSON list of GitHub's collaborator permission answers");
  if (!r.value) return { problems: r.problems };
  const table = new Map(r.value.map((p) => [p.user.login.toLowerCase(), p.permission]));
  return {
    problems: [],
    value: {
      permission: async (user): Promise<Permission> => {
        const p = table.get(user.toLowerCase());
        return p === undefined ? { state: "unknown", reason: `${user} is not in the --permissions file ${file}` } : { state: "known", permission: p };
      },
    },
  };
}

/**
 * `--commits`: `{ "commits": [...], "activity": [...] }`, the pull request's commits as
 * GET /repos/{o}/{r}/pulls/{n}/commits lists them (each with `files` as GET /repos/{o}/{r}/commits/{sha}
 * has them) and the head branch's pushes as GET /repos/{o}/{r}/activity lists them.
 */
export function parseCommits(file: string, text: string): Parsed<CommitHistory> {
  type Raw = { commits: { sha: string; author: Login; committer: Login; files?: { filename: string; previous_filename?: string }[] }[]; activity: { before: string; after: string; actor: Login }[] };
  const r = read<Raw>(file, text, commitsSchema, 'the pull request\'s commits and pushes, { "commits": [...], "activity": [...] } as GitHub\'s API returns them');
  if (!r.value) return { problems: r.problems };
  const raw = r.value;
  const commits: PullCommit[] = raw.commits.map((c) => ({ sha: c.sha, author: c.author?.login ?? null, committer: c.committer?.login ?? null }));
  const pushes: PushEvent[] = raw.activity.map((a) => ({ before: a.before, after: a.after, actor: a.actor?.login ?? null }));
  const files = new Map(raw.commits.map((c) => [c.sha.toLowerCase(), c.files]));
  return {
    problems: [],
    value: {
      read: async () => ({ commits, pushes }),
      files: async (sha) => {
        const f = files.get(sha.toLowerCase());
        if (!f) throw new Error(`commit ${sha.slice(0, 7)} has no files in the --commits file ${file}`);
        return f.flatMap((x) => (x.previous_filename ? [x.filename, x.previous_filename] : [x.filename]));
      },
    },
  };
}
