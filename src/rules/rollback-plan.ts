import { DURATION_PATTERN, formatDuration, parseDuration } from "../documents/units.js";
import { defineRule } from "./types.js";
import { num } from "./examples.js";

interface Options {
  requireSoftDelete?: boolean;
  /** Shortest soft-delete window. */
  minRetention?: string;
  /** A rollback strategy other than `none`. */
  requireRollback: boolean;
  requireRunbook?: boolean;
  /** How old the last restore drill may be. */
  maxDrillAge?: string;
  /** Restoring every target at restoreRate must fit within rto. */
  restoreWithinRto?: boolean;
  /** The RTO itself may be no longer than this. */
  maxRto?: string;
  /** A restoreRate faster than the catalog's measured rate for the kind (`kinds.<kind>.restoreRate`) is a finding. */
  checkRestoreRate: boolean;
}

const seconds = (d: string | undefined) => {
  if (d === undefined) return undefined;
  const p = parseDuration(d);
  return p.ok ? p.value : undefined;
};

/** Hard deletes need a soft-delete window and a restore path that undoes the worst plausible run within the RTO. */
export default defineRule<Options>({
  meta: {
    type: "rollback-plan",
    description: "Requires soft delete, a retention window, a tested runbook, and a restore that fits within the RTO.",
    docs: "https://github.com/blastgate/blastgate/blob/main/docs/rules.md#rollback-plan",
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        requireSoftDelete: { description: "deletion.mode must be soft", type: "boolean" },
        minRetention: { description: "shortest soft-delete retention", type: "string", pattern: DURATION_PATTERN },
        requireRollback: { description: "rollback.strategy must be undelete or restore-from-backup", type: "boolean", default: true },
        requireRunbook: { description: "rollback.runbook must link the procedure", type: "boolean" },
        maxDrillAge: { description: "oldest acceptable rollback.lastTested", type: "string", pattern: DURATION_PATTERN },
        restoreWithinRto: { description: "targets / restoreRate must fit within rto", type: "boolean" },
        maxRto: { description: "longest acceptable rto", type: "string", pattern: DURATION_PATTERN },
        checkRestoreRate: {
          description: "a rollback.restoreRate faster than the rate the catalog's kinds.<kind>.restoreRate records from drills is a finding (the restore time is always computed at the slower of the two)",
          type: "boolean",
          default: true,
        },
      },
    },
    messages: {
      hardDelete: "hard delete: deleted objects cannot be undeleted; use deletion.mode: soft with a retention window",
      retentionMissing: "soft delete without a retention: say how long deleted objects are kept (at least {{min}})",
      retentionShort: "deleted objects are kept {{retention}}; the minimum is {{min}}",
      noRollback: "no rollback: say how a wrong run is undone; this policy needs spec.rollback with {{needs}}",
      noRunbook: "no restore runbook: spec.rollback.runbook must link the procedure",
      noDrill: "no restore drill on record: spec.rollback.lastTested must give the date of the last drill (at most {{max}} ago)",
      staleDrill: "the last restore drill was {{age}} ago ({{date}}); the limit is {{max}}",
      futureDrill: "spec.rollback.lastTested ({{date}}) is in the future",
      restoreUnknown: "the restore time cannot be computed: spec.rollback needs {{missing}}",
      restoreTooSlow: "restoring {{count}} {{count:target|targets}} at {{rate}} takes {{restore}}, longer than the RTO of {{rto}}",
      fasterThanMeasured: "spec.rollback.restoreRate {{rate}} is faster than the {{measured}} measured in restore drills for {{kind}} (kinds.{{kind}}.restoreRate in the catalog); the restore time is computed at {{measured}}",
      rtoTooLong: "the RTO of {{rto}} is longer than the policy's maximum of {{max}}",
    },
  },
  check(ctx) {
    const { plan, options: o } = ctx;
    const spec = ctx.manifest.doc.spec;
    const rb = spec.rollback;
    if (o.requireSoftDelete && spec.deletion.mode === "hard") {
      ctx.report({ location: ctx.at("/spec/deletion/mode"), messageId: "hardDelete", evidence: { mode: "hard" } });
    }
    const minRetention = seconds(o.minRetention);
    if (minRetention !== undefined && spec.deletion.mode === "soft") {
      const kept = plan.deletion.retentionSeconds;
      if (kept === undefined) {
        ctx.report({ location: ctx.at("/spec/deletion"), messageId: "retentionMissing", data: { min: o.minRetention! }, evidence: { minRetentionSeconds: minRetention } });
      } else if (kept < minRetention) {
        ctx.report({
          location: ctx.at("/spec/deletion/retention"),
          messageId: "retentionShort",
          data: { retention: spec.deletion.retention!, min: o.minRetention! },
          evidence: { retentionSeconds: kept, minRetentionSeconds: minRetention },
        });
      }
    }
    const maxDrill = seconds(o.maxDrillAge);
    if (!rb || rb.strategy === "none") {
      // One cause, one finding: without a rollback, its runbook, drill and restore time are all missing with it.
      const needs = [
        o.requireRollback && "strategy undelete or restore-from-backup",
        o.requireRunbook && "a runbook",
        maxDrill !== undefined && `lastTested (a drill at most ${o.maxDrillAge!} ago)`,
        o.restoreWithinRto && (plan.restore.measured ? "rto (restoring every target within it)" : "restoreRate and rto (restoring every target within the RTO)"),
      ].filter((x): x is string => typeof x === "string");
      if (needs.length > 0) {
        ctx.report({ location: ctx.at("/spec/rollback/strategy"), messageId: "noRollback", data: { needs: needs.join(", ") }, evidence: { strategy: rb?.strategy ?? null, needs } });
      }
      return;
    }
    if (o.requireRunbook && !rb?.runbook) {
      ctx.report({ location: ctx.at("/spec/rollback/runbook"), messageId: "noRunbook" });
    }
    if (maxDrill !== undefined) {
      const age = plan.rollback?.drillAgeSeconds;
      if (age === undefined) {
        ctx.report({ location: ctx.at("/spec/rollback/lastTested"), messageId: "noDrill", data: { max: o.maxDrillAge! }, evidence: { maxDrillAgeSeconds: maxDrill } });
      } else if (age < 0) {
        ctx.report({ location: ctx.at("/spec/rollback/lastTested"), messageId: "futureDrill", data: { date: rb.lastTested! }, evidence: { lastTested: rb.lastTested!, now: ctx.now.toISOString() } });
      } else if (age > maxDrill) {
        ctx.report({
          location: ctx.at("/spec/rollback/lastTested"),
          messageId: "staleDrill",
          data: { age: formatDuration(age), date: rb.lastTested!, max: o.maxDrillAge! },
          evidence: { drillAgeSeconds: Math.round(age), maxDrillAgeSeconds: maxDrill, lastTested: rb.lastTested! },
        });
      }
    }
    const { measured, claimedPerHour } = plan.restore;
    if (o.checkRestoreRate && measured && claimedPerHour !== undefined && claimedPerHour > measured.perHour) {
      ctx.report({
        location: ctx.at("/spec/rollback/restoreRate"),
        messageId: "fasterThanMeasured",
        data: { rate: rb.restoreRate!, measured: measured.rate, kind: measured.kind },
        evidence: { claimedPerHour, measuredPerHour: measured.perHour, kind: measured.kind },
      });
    }
    if (o.restoreWithinRto) {
      const missing = [plan.restore.ratePerHour === undefined && !rb?.restoreRate && "restoreRate", !rb?.rto && "rto"].filter(Boolean) as string[];
      if (missing.length > 0) {
        ctx.report({ location: ctx.at(`/spec/rollback/${missing[0]}`), messageId: "restoreUnknown", data: { missing: missing.join(" and ") }, evidence: { missing } });
      } else if (plan.restore.withinRto === false) {
        ctx.report({
          // Without a claim the catalog's measured rate is used: the RTO is what does not fit.
          location: ctx.at(rb.restoreRate ? "/spec/rollback/restoreRate" : "/spec/rollback/rto"),
          messageId: "restoreTooSlow",
          data: { count: num(plan.targets), rate: plan.restore.rate!, restore: formatDuration(plan.restore.seconds!), rto: rb.rto! },
          evidence: { targets: plan.targets, restoreSeconds: Math.round(plan.restore.seconds!), rtoSeconds: plan.restore.rtoSeconds!, ratePerHour: plan.restore.ratePerHour! },
        });
      }
    }
    const maxRto = seconds(o.maxRto);
    if (maxRto !== undefined && plan.restore.rtoSeconds !== undefined && plan.restore.rtoSeconds > maxRto) {
      ctx.report({ location: ctx.at("/spec/rollback/rto"), messageId: "rtoTooLong", data: { rto: rb.rto!, max: o.maxRto! }, evidence: { rtoSeconds: plan.restore.rtoSeconds, maxRtoSeconds: maxRto } });
    }
  },
});
