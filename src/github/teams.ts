import { type Membership, type TeamDirectory } from "../governance/teams.js";
import type { GitHub } from "./client.js";
import { apiMessage, statusOf } from "./errors.js";

/**
 * Team membership through the REST API (GET /orgs/{org}/teams/{slug}/memberships/{user}). GitHub
 * answers 404 both for "not a member" and for "this token cannot see the team", so a 404 counts as
 * not-member only when the team itself can be read; anything else is unknown, with what to fix.
 * Never throws: the core treats unknown as no.
 */
export class GitHubTeams implements TeamDirectory {
  private readonly answers = new Map<string, Promise<Membership>>();
  private readonly readable = new Map<string, Promise<{ ok: true } | { ok: false; reason: string }>>();

  /** `input` names the Action input the token came from, for the message when it cannot read teams. */
  constructor(
    private readonly gh: GitHub,
    private readonly input: string,
  ) {}

  membership(team: string, login: string): Promise<Membership> {
    const key = `${team.toLowerCase()}\u0000${login.toLowerCase()}`;
    let pending = this.answers.get(key);
    if (!pending) {
      pending = this.read(team, login);
      this.answers.set(key, pending);
    }
    return pending;
  }

  private async read(team: string, login: string): Promise<Membership> {
    const [org, slug] = team.split("/");
    if (!org || !slug) return { state: "unknown", reason: `'${team}' is not org/team-slug` };
    try {
      const { data } = await this.gh.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", { org, team_slug: slug, username: login });
      // A pending invitation is not membership yet.
      return data.state === "active" ? { state: "member" } : { state: "not-member" };
    } catch (e) {
      if (statusOf(e) !== 404) return { state: "unknown", reason: this.why(e, `read ${login}'s membership of ${team}`) };
    }
    const visible = await this.teamReadable(org, slug);
    return visible.ok ? { state: "not-member" } : { state: "unknown", reason: visible.reason };
  }

  private teamReadable(org: string, slug: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const key = `${org}/${slug}`.toLowerCase();
    let pending = this.readable.get(key);
    if (!pending) {
      pending = this.gh.request("GET /orgs/{org}/teams/{team_slug}", { org, team_slug: slug }).then(
        () => ({ ok: true as const }),
        (e: unknown) => ({
          ok: false as const,
          reason:
            statusOf(e) === 404
              ? `GitHub answered 404 for the team ${org}/${slug}: it does not exist, or the token in the '${this.input}' input cannot see it (pass a token that can read organization teams in the 'teams-token' input)`
              : this.why(e, `read the team ${org}/${slug}`),
        }),
      );
      this.readable.set(key, pending);
    }
    return pending;
  }

  private why(e: unknown, doing: string): string {
    const status = statusOf(e);
    const answered = status === undefined ? `failed (${apiMessage(e)})` : `answered ${status} ${apiMessage(e)}`;
    const fix = status === 401 || status === 403 || status === 404 ? `: the token in the '${this.input}' input cannot read organization teams; pass one that can in the 'teams-token' input` : "";
    return `GitHub ${answered} when asked to ${doing}${fix}`;
  }
}
