import { type Membership, type TeamDirectory } from "../governance/teams.js";
import type { GitHub } from "./client.js";
/**
 * Team membership through the REST API (GET /orgs/{org}/teams/{slug}/memberships/{user}). GitHub
 * answers 404 both for "not a member" and for "this token cannot see the team", so a 404 counts as
 * not-member only when the team itself can be read; anything else is unknown, with what to fix.
 * Never throws: the core treats unknown as no.
 */
export declare class GitHubTeams implements TeamDirectory {
    private readonly gh;
    private readonly input;
    private readonly answers;
    private readonly readable;
    /** `input` names the Action input the token came from, for the message when it cannot read teams. */
    constructor(gh: GitHub, input: string);
    membership(team: string, login: string): Promise<Membership>;
    private read;
    private teamReadable;
    private why;
}
