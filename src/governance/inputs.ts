/**
 * The CLI's governance inputs as files: `--reviews` (the reviews as GitHub's REST API returns them)
 * and `--teams` (`{ "org/slug": ["login", ...] }`). Read as YAML 1.2, which JSON is, so every
 * problem names its file and line.
 */
import { DEFAULT_LIMITS } from "../documents/limits.js";
import type { Problem } from "../documents/problem.js";
import { validateValue } from "../documents/validate.js";
import { parseYaml } from "../documents/yaml.js";
import type { Review } from "./reviews.js";

const nullable = (type: string) => ({ type: [type, "null"] });

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

export function parseReviews(file: string, text: string): { reviews?: Review[]; problems: Problem[] } {
  const r = read<Review[]>(file, text, reviewsSchema, "the pull request's reviews, a JSON list as GitHub's API returns them");
  return r.value ? { reviews: r.value, problems: [] } : { problems: r.problems };
}

export function parseTeams(file: string, text: string): { teams?: Record<string, string[]>; problems: Problem[] } {
  const r = read<Record<string, string[]>>(file, text, teamsSchema, 'team memberships, { "org/team-slug": ["login", ...] }');
  return r.value ? { teams: r.value, problems: [] } : { problems: r.problems };
}
