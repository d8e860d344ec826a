import type { PermissionReader } from "../governance/authorship.js";
import type { Permission } from "../governance/facts.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
import { explainApiError, statusOf } from "./errors.js";

/** A reviewer's permission on the repository (GET /repos/{owner}/{repo}/collaborators/{username}/permission), read once per login. */
export class GitHubPermissions implements PermissionReader {
  private readonly answers = new Map<string, Promise<Permission>>();

  constructor(
    private readonly gh: GitHub,
    private readonly repo: Repo,
  ) {}

  permission(login: string): Promise<Permission> {
    const key = login.toLowerCase();
    let pending = this.answers.get(key);
    if (!pending) {
      pending = this.gh.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { ...this.repo, username: login }).then(
        ({ data }) => ({ state: "known" as const, permission: data.permission }),
        (e: unknown) =>
          // 404: no such user (a renamed-away or deleted login), who has no access at all.
          statusOf(e) === 404 ? { state: "known" as const, permission: "none" } : { state: "unknown" as const, reason: explainApiError(e, { doing: `read ${login}'s permission on the repository`, permission: "metadata: read" }) },
      );
      this.answers.set(key, pending);
    }
    return pending;
  }
}
