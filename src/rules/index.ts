import approvals from "./approvals.js";
import blastRadius from "./blast-radius.js";
import identifierKind from "./identifier-kind.js";
import manifestRequired from "./manifest-required.js";
import rollbackPlan from "./rollback-plan.js";
import rpoAlignment from "./rpo-alignment.js";
import schema from "./schema.js";
import type { RuleModule } from "./types.js";

/** Every rule type a Policy may name, by `type`. */
// Each rule module has its own options type: the registry holds them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RULES: ReadonlyMap<string, RuleModule<any>> = new Map<string, RuleModule<any>>([identifierKind, blastRadius, rollbackPlan, rpoAlignment, schema, approvals, manifestRequired].map((r) => [r.meta.type, r]));
