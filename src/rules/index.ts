import approvals from "./approvals.js";
import blastRadius from "./blast-radius.js";
import identifierKind from "./identifier-kind.js";
import manifestRequired from "./manifest-required.js";
import rollbackPlan from "./rollback-plan.js";
import rpoAlignment from "./rpo-alignment.js";
import schema from "./schema.js";
import type { RuleModule } from "./types.js";

/** Every rule type a Policy may name, by `type`. */
export const RULES: ReadonlyMap<string, RuleModule<any>> = new Map<string, RuleModule<any>>(
  [identifierKind, blastRadius, rollbackPlan, rpoAlignment, schema, approvals, manifestRequired].map((r) => [r.meta.type, r]),
);
