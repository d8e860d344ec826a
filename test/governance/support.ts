import { CATALOG, INVENTORY, manifest } from "../support/fixtures.js";
import { MemoryFiles } from "../support/memory-files.js";
import type { GovernanceOptions } from "../../src/check/governance.js";
import type { CommitHistory, PermissionReader, PushEvent } from "../../src/governance/authorship.js";
import type { Review } from "../../src/governance/reviews.js";
import { StaticTeams } from "../../src/governance/teams.js";
import { runCheck, type CheckResult } from "../../src/check/run.js";

/** The rule fixtures' world, with an owner for apps too. */
export const GOV_CATALOG = CATALOG.replace(`    parent: site\n    products: [insight]\n`, `    parent: site\n    products: [insight]\n    owner: acme/app-owners\n`);

/** A soft-mandatory rule that fires on a manifest without a ticket, overridable by acme/sre and carol. */
export const TICKET_RULE = `  - id: needs-ticket
    type: schema
    enforcement: soft-mandatory
    overrideTeams: [acme/sre]
    overrideUsers: [carol]
    with: { schema: { required: [metadata], properties: { metadata: { required: [ticket] } } }, message: "name the ticket" }
`;

export function policy(rules: string, extra = ""): string {
  return `apiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: governance }\n${extra}rules:\n${rules}`;
}

/** A manifest without a ticket (so needs-ticket fires), its identifiers in ids/apps.txt. */
export const MANIFEST = manifest({ identifiers: "ids/apps.txt", metadata: "  description: remove apps\n  requestedBy: acme/apps\n  executedBy: acme/sre\n" });
export const IDS = "a-0001\na-0002\n";

export const HEAD_SHA = "1111111111111111111111111111111111111111";
export const SAME_SHA = "2222222222222222222222222222222222222222";
export const OLD_SHA = "3333333333333333333333333333333333333333";
export const IDS_SHA = "4444444444444444444444444444444444444444";

export const TEAMS = { "acme/sre": ["dave", "erin"], "acme/apps": ["alice", "frank"], "acme/app-owners": ["gina"], "acme/sites": ["hank"] };

let nextId = 100;
export function review(login: string, state: Review["state"], body = "", commit = SAME_SHA, submitted = "2026-11-20T10:00:00Z"): Review {
  return { id: ++nextId, user: { login }, body, state, commit_id: commit, submitted_at: submitted, lastEditedAt: null, editor: null, userContentEdits: { totalCount: 0, nodes: [] } };
}

/** Everyone has write access unless `permissions` says otherwise. */
export function permissions(table: Record<string, string> = {}): PermissionReader {
  return { permission: async (login) => ({ state: "known", permission: table[login] ?? "write" }) };
}

/** The pull request's history: by default one commit, by its author alice, changing the manifest. */
export function history(
  commits: { sha: string; author: string | null; committer?: string | null; files: string[] }[] = [{ sha: HEAD_SHA, author: "alice", files: ["ops/manifest.yaml", "ids/apps.txt"] }],
  pushes: PushEvent[] = [],
): CommitHistory {
  return {
    read: async () => ({ commits: commits.map((c) => ({ sha: c.sha, author: c.author, committer: c.committer === undefined ? c.author : c.committer })), pushes }),
    files: async (sha) => commits.find((c) => c.sha === sha)?.files ?? [],
  };
}

export interface World {
  files?: Record<string, string>;
  policy: string;
  manifests?: string[];
  /** Replaces the fixture's governance fields; `undefined` removes one. */
  governance?: { [K in keyof GovernanceOptions]?: GovernanceOptions[K] | undefined };
  now?: string;
  /** More commits: each is head with these files replaced. */
  commits?: Record<string, Record<string, string>>;
}

/** Runs a check in memory: head is `files`; SAME_SHA holds the same manifest and identifiers, OLD_SHA another manifest, IDS_SHA other identifiers. */
export async function judge(w: World): Promise<CheckResult> {
  const head: Record<string, string> = {
    "policies/catalog.yaml": GOV_CATALOG,
    "policies/policy.yaml": w.policy,
    "inventory.ndjson": INVENTORY,
    "ops/manifest.yaml": MANIFEST,
    "ids/apps.txt": IDS,
    ...w.files,
  };
  const commits: Record<string, Record<string, string>> = {
    [HEAD_SHA]: head,
    [SAME_SHA]: { ...head },
    [OLD_SHA]: { ...head, "ops/manifest.yaml": head["ops/manifest.yaml"]!.replace("remove apps", "remove some apps") },
    [IDS_SHA]: { ...head, "ids/apps.txt": "a-0001\n" },
    ...Object.fromEntries(Object.entries(w.commits ?? {}).map(([sha, files]) => [sha, { ...head, ...files }])),
  };
  const defaults: GovernanceOptions = {
    author: "alice",
    org: "acme",
    teams: new StaticTeams(TEAMS),
    permissions: permissions(),
    commits: history(),
    filesAt: (commit) => {
      const files = commits[commit];
      if (!files) throw new Error(`no commit ${commit}`);
      return new MemoryFiles(files);
    },
  };
  // A field given as undefined is absent for the check, as a caller that never set it.
  const governance = { ...defaults, ...w.governance } as GovernanceOptions;
  return runCheck({ workspace: new MemoryFiles(head), policiesDir: "policies", manifests: w.manifests ?? ["ops/manifest.yaml"], now: new Date(w.now ?? "2026-11-24T00:00:00Z"), governance });
}
