import { pointerOf, type SourceLocation } from "../documents/source.js";
import { teamName } from "../governance/teams.js";
import type { ApprovalRole } from "../governance/types.js";
import { defineRule } from "./types.js";

interface Options {
  require: ApprovalRole[];
  minPerTeam: number;
}

const ROLE_TEXT: Record<ApprovalRole, string> = { requestedBy: "requesting", executedBy: "executing", kindOwner: "owning" };

/**
 * Sign-off by intent: the team that wants the operation, the team that runs it and the team that owns
 * what it destroys approve the same manifest, as it is at head (the plan summary is what they approve).
 */
export default defineRule<Options>({
  meta: {
    type: "approvals",
    description:
      "Each team the manifest names (and the catalog owner of each kind it destroys) approves the pull request: approving reviews by members other than its author, of the manifest and identifier file as they are at head. Teams are `org/slug`, or `slug` in the repository's organisation.",
    docs: "https://github.com/blastgate/blastgate/blob/main/docs/rules.md#approvals",
    schema: {
      type: "object",
      additionalProperties: false,
      required: ["require"],
      properties: {
        require: {
          type: "array",
          items: { enum: ["requestedBy", "executedBy", "kindOwner"] },
          minItems: 1,
          uniqueItems: true,
          description: "whose approval: `requestedBy`, `executedBy` (the manifest's metadata), `kindOwner` (the catalog `owner` of the declared kind and of every kind the identifiers resolve to)",
        },
        minPerTeam: { type: "integer", minimum: 1, maximum: 20, default: 1, description: "approving members needed per team" },
      },
    },
    messages: {
      missing: "the {{roles}} team {{team}} has {{have}} of {{need}} approvals of this manifest as it is at head{{why}}",
      noTeam: "metadata.{{role}} names no team, but the {{text}} team must approve this manifest",
      noOwner: "the catalog names no owner for kind '{{kind}}', but the owning team must approve this manifest",
      badTeam: "{{field}}: {{reason}}",
    },
  },
  check(ctx) {
    const meta = ctx.manifest.doc.metadata;
    const wanted = new Map<string, { roles: ApprovalRole[]; location: SourceLocation }>();
    const want = (raw: string, role: ApprovalRole, field: string, location: SourceLocation) => {
      const t = teamName(raw, ctx.governance.org);
      if (t.error !== undefined) {
        ctx.report({ location, messageId: "badTeam", data: { field, reason: t.error }, evidence: { role, team: raw } });
        return;
      }
      const entry = wanted.get(t.team);
      if (entry) {
        if (!entry.roles.includes(role)) entry.roles.push(role);
      } else wanted.set(t.team, { roles: [role], location });
    };
    for (const role of ctx.options.require) {
      if (role === "kindOwner") {
        const kinds = [ctx.manifest.doc.spec.target.kind, ...[...ctx.resolution.byKind].filter(([, s]) => s.count > 0).map(([k]) => k)];
        for (const kind of [...new Set(kinds)]) {
          const def = ctx.catalog.kinds.get(kind);
          if (!def) continue;
          if (def.owner === undefined) {
            ctx.report({ location: ctx.catalog.locate(pointerOf(["kinds", kind])), messageId: "noOwner", data: { kind }, evidence: { role, kind } });
            continue;
          }
          want(def.owner, role, `kinds.${kind}.owner`, ctx.catalog.locate(pointerOf(["kinds", kind, "owner"])));
        }
        continue;
      }
      const team = meta[role];
      if (team === undefined) {
        ctx.report({ location: ctx.at("/metadata"), messageId: "noTeam", data: { role, text: ROLE_TEXT[role] }, evidence: { role } });
        continue;
      }
      want(team, role, `metadata.${role}`, ctx.at(`/metadata/${role}`));
    }
    for (const [team, { roles, location }] of wanted) {
      const record = ctx.governance.approvals({ roles, team, need: ctx.options.minPerTeam, location });
      if (record.satisfied) continue;
      const why = record.refused.length > 0 ? `; not counted: ${record.refused.map((r) => r.reason).join("; ")}` : "";
      ctx.report({
        location,
        messageId: "missing",
        data: { roles: roles.map((r) => ROLE_TEXT[r]).join(" and "), team, have: record.approvedBy.length, need: record.need, why },
        evidence: { team, roles, need: record.need, approvedBy: record.approvedBy.map((a) => a.login), refused: record.refused.map((r) => `${r.login}: ${r.reason}`) },
      });
    }
  },
});
