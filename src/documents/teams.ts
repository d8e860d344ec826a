// Team names as documents and review comments spell them: `org/slug`, or a bare slug in the repository's organisation.

const PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/;

/**
 * `org/slug`, or a bare `slug` in the repository's organisation, as `org/slug` in lower case
 * (GitHub compares both case-insensitively).
 */
export function teamName(raw: string, org: string | undefined): { team: string; error?: undefined } | { team?: undefined; error: string } {
  const text = raw.trim().replace(/^@/, "");
  const parts = text.split("/");
  if (parts.length === 2 && PART.test(parts[0]!) && PART.test(parts[1]!)) return { team: text.toLowerCase() };
  if (parts.length === 1 && PART.test(text)) {
    if (!org) return { error: `'${raw}' names a team without its organisation, and the repository's organisation is not known: write org/${text}` };
    return { team: `${org}/${text}`.toLowerCase() };
  }
  return { error: `'${raw}' is not a GitHub team: write org/team-slug` };
}
