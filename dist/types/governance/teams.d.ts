/**
 * Team membership. The core never asks GitHub itself: a caller supplies a TeamDirectory (the Action
 * reads GitHub's REST API, the CLI a --teams file), and the answers are looked up synchronously
 * once gathered. "Cannot tell" is an answer of its own, and it never counts as membership.
 */
export type Membership = {
    state: "member";
} | {
    state: "not-member";
} | {
    state: "unknown";
    reason: string;
};
/** Where memberships come from. `team` is always `org/slug` (lower case); `login` as GitHub spells it. */
export interface TeamDirectory {
    membership(team: string, login: string): Promise<Membership>;
}
/** What reading organisation teams takes; said whenever a membership cannot be read. */
export declare const MEMBERS_READ_TOKEN = "a GitHub App installation token with the organization permission \"Members: read\" (the workflow's GITHUB_TOKEN cannot read organization teams)";
/** Memberships gathered for one run, answered without I/O; a pair never gathered is unknown. */
export declare class MembershipTable {
    private readonly table;
    static key(team: string, login: string): string;
    set(team: string, login: string, m: Membership): void;
    has(team: string, login: string): boolean;
    get(team: string, login: string): Membership;
}
/** A directory from a plain map, `{ "org/slug": ["login", ...] }` (the CLI's --teams file). A team not in it is unknown. */
export declare class StaticTeams implements TeamDirectory {
    private readonly origin;
    private readonly teams;
    constructor(teams: Readonly<Record<string, readonly string[]>>, origin?: string);
    membership(team: string, login: string): Promise<Membership>;
}
