import { pointerOf, type SourceLocation } from "../documents/source.js";
import { teamName } from "../documents/teams.js";
import type { ApprovalRole } from "./status.js";
import { defineRule } from "./types.js";

interface Options {
  require: ApprovalRole[];
  minPerTeam: number;
  distinctApprovers: boolean;
  distinctTeams: boolean;
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
        distinctApprovers: { type: "boolean", default: false, description: "each required role needs its own people: one approval never counts for two roles, even when the teams overlap" },
        distinctTeams: { type: "boolean", default: false, description: "`metadata.requestedBy` and `metadata.executedBy` must name different teams" },
      },
    },
    messages: {
      missing: "the {{roles}} team {{team}} has {{have}} of {{need}} {{need:approval|approvals}} of this manifest as it is at head{{why}}",
      noTeam: "metadata.{{role}} names no team, but the {{text}} team must approve this manifest",
      noOwner: "the catalog names no owner for kind '{{kind}}', but the owning team must approve this manifest",
      badTeam: "{{field}}: {{reason}}",
      notDistinct: "{{roles}} need {{need}} different approvers (distinctApprovers), but only {{have}} approved: {{who}}",
      sameTeam: "metadata.requestedBy and metadata.executedBy both name {{team}}: the requesting and executing teams must differ (distinctTeams)",
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
    if (ctx.options.distinctTeams && meta.requestedBy !== undefined && meta.executedBy !== undefined) {
      const [req, exe] = [teamName(meta.requestedBy, ctx.governance.org).team, teamName(meta.executedBy, ctx.governance.org).team];
      if (req !== undefined && req === exe) ctx.report({ location: ctx.at("/metadata/executedBy"), messageId: "sameTeam", data: { team: req }, evidence: { team: req } });
    }
    const slots: { role: string; approvers: string[] }[] = [];
    let allSatisfied = true;
    for (const [team, { roles, location }] of wanted) {
      const record = ctx.governance.approvals({ roles, team, need: ctx.options.minPerTeam, location });
      for (const role of roles) for (let i = 0; i < record.need; i++) slots.push({ role: `the ${ROLE_TEXT[role]} team ${team}`, approvers: record.approvedBy.map((a) => a.login.toLowerCase()) });
      allSatisfied &&= record.satisfied;
      if (record.satisfied) continue;
      const why = record.refused.length > 0 ? `; not counted: ${record.refused.map((r) => r.reason).join("; ")}` : "";
      ctx.report({
        location,
        messageId: "missing",
        data: { roles: roles.map((r) => ROLE_TEXT[r]).join(" and "), team, have: record.approvedBy.length, need: record.need, why },
        evidence: { team, roles, need: record.need, approvedBy: record.approvedBy.map((a) => a.login), refused: record.refused.map((r) => `${r.login}: ${r.reason}`) },
      });
    }
    // Each role met by its own people: a matching of approvers to roles that fills every slot.
    if (ctx.options.distinctApprovers && allSatisfied && slots.length > 1) {
      const matched = matchSlots(slots.map((s) => s.approvers));
      if (matched < slots.length) {
        const roles = [...new Set(slots.map((s) => s.role))];
        const who = [...new Set(slots.flatMap((s) => s.approvers))].sort().join(", ");
        const [first] = wanted.values();
        ctx.report({ location: first!.location, messageId: "notDistinct", data: { roles: roles.join(", "), need: slots.length, have: matched, who }, evidence: { roles, need: slots.length, distinct: matched, approvers: who.split(", ") } });
      }
    }
  },
});

/** The most slots filled with one approver each, no approver twice (augmenting paths; a handful of slots). */
function matchSlots(slots: string[][]): number {
  const owner = new Map<string, number>();
  const tryFill = (slot: number, seen: Set<string>): boolean => {
    for (const who of slots[slot]!) {
      if (seen.has(who)) continue;
      seen.add(who);
      const holder = owner.get(who);
      if (holder === undefined || tryFill(holder, seen)) {
        owner.set(who, slot);
        return true;
      }
    }
    return false;
  };
  let filled = 0;
  for (let i = 0; i < slots.length; i++) if (tryFill(i, new Set())) filled++;
  return filled;
}
