import type { PermissionReader } from "../governance/authorship.js";
import type { Permission } from "../governance/facts.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
/** A reviewer's permission on the repository (GET /repos/{owner}/{repo}/collaborators/{username}/permission), read once per login. */
export declare class GitHubPermissions implements PermissionReader {
    private readonly gh;
    private readonly repo;
    private readonly answers;
    constructor(gh: GitHub, repo: Repo);
    permission(login: string): Promise<Permission>;
}
