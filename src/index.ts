/** The library: the same engine the CLI and the Action call. */
export { evaluate, type Evaluation, type EvaluationInput, type Verdict } from "./engine/evaluate.js";
export { compilePolicies, type CompiledRule } from "./engine/policies.js";
export { compileCatalog, type Catalog } from "./resolve/catalog.js";
export { Inventory, InventoryParser, type InventoryInfo, type LiveInventory } from "./resolve/inventory.js";
export { liveInventory } from "./inventory/live.js";
export { resolveIdentifiers, type Resolution } from "./resolve/resolve.js";
export { measure, type Plan } from "./measure/plan.js";
export { parseYaml } from "./documents/yaml.js";
export { DEFAULT_LIMITS, type Limits } from "./documents/limits.js";
export { RULES } from "./rules/index.js";
export type { Finding, RuleModule, RuleContext } from "./rules/types.js";
export { runCheck, type CheckOptions, type CheckResult } from "./workspace/load.js";
export { LocalFiles, type FileSource } from "./workspace/files.js";
export { toJson } from "./report/json.js";
export { toText } from "./report/text.js";
export { guard, type GuardOptions, type GuardResult } from "./guard/guard.js";
export { APPROVAL_CHECK, type RunApproval } from "./governance/approval.js";
