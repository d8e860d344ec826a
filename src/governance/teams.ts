/**
 * Team membership. The core never asks GitHub itself: a caller supplies a TeamDirectory (the Action
 * reads GitHub's REST API, the CLI a --teams file), and the answers are looked up synchronously
 * once gathered. "Cannot tell" is an answer of its own, and it never counts as membership.
 */

export type Membership = { state: "member" } | { state: "not-member" } | { state: "unknown"; reason: string };

/** Where memberships come from. `team` is always `org/slug` (lower case); `login` as GitHub spells it. */
export interface TeamDirectory {
  membership(team: string, login: string): Promise<Membership>;
}

/** What reading organisation teams takes; said whenever a membership cannot be read. */
export const MEMBERS_READ_TOKEN = 'a GitHub App installation token with the organization permission "Members: read" (the workflow\'s GITHUB_TOKEN cannot read organization teams)';

/** Memberships gathered for one run, answered without I/O; a pair never gathered is unknown. */
export class MembershipTable {
  private readonly table = new Map<string, Membership>();

  static key(team: string, login: string): string {
    return `${team.toLowerCase()}\u0000${login.toLowerCase()}`;
  }

  set(team: string, login: string, m: Membership): void {
    this.table.set(MembershipTable.key(team, login), m);
  }

  has(team: string, login: string): boolean {
    return this.table.has(MembershipTable.key(team, login));
  }

  get(team: string, login: string): Membership {
    return this.table.get(MembershipTable.key(team, login)) ?? { state: "unknown", reason: `membership of ${login} in ${team} was not read` };
  }
}

/** A directory from a plain map, `{ "org/slug": ["login", ...] }` (the CLI's --teams file). A team not in it is unknown. */
export class StaticTeams implements TeamDirectory {
  private readonly teams = new Map<string, Set<string>>();

  constructor(
    teams: Readonly<Record<string, readonly string[]>>,
    private readonly origin = "the teams file",
  ) {
    for (const [team, members] of Object.entries(teams)) this.teams.set(team.toLowerCase(), new Set(members.map((m) => m.toLowerCase())));
  }

  async membership(team: string, login: string): Promise<Membership> {
    const members = this.teams.get(team.toLowerCase());
    if (!members) return { state: "unknown", reason: `${team} is not in ${this.origin}` };
    return members.has(login.toLowerCase()) ? { state: "member" } : { state: "not-member" };
  }
}
