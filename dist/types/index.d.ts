/**
 * The library: the same engine the CLI and the Action call (docs/library.md).
 * runCheck is the one use case; prepareCheck and evaluate are its two halves (I/O, then the pure engine).
 */
export { runCheck, prepareCheck, loadPolicies, type CheckOptions, type CheckResult, type PreparedCheck, type PolicyDocuments } from "./check/run.js";
export { evaluate, type Evaluation, type EvaluationInput, type Verdict } from "./engine/evaluate.js";
export { judgeChange, POLICY_CHANGED, INVENTORY_CHANGED, type ChangeFacts, type ChangedFile } from "./engine/change.js";
export { compilePolicies } from "./engine/policies.js";
export { compareImpact, type ImpactEntry, type ImpactFinding, type ImpactSide, type PolicyImpact } from "./engine/impact.js";
export { policyImpact, MAX_IMPACT_MANIFESTS, type ImpactOptions, type PolicySide } from "./check/impact.js";
export { compileCatalog, type Catalog } from "./resolve/catalog.js";
export { Inventory, InventoryParser, type InventoryInfo, type LiveInventory } from "./resolve/inventory.js";
export { liveInventory } from "./inventory/live.js";
export { resolveIdentifiers, type Resolution } from "./resolve/resolve.js";
export { measure, type Plan } from "./measure/plan.js";
export { parseYaml } from "./documents/yaml.js";
export { DEFAULT_LIMITS, type Limits } from "./documents/limits.js";
export { FileError, type FileSource } from "./documents/files.js";
export type { Problem } from "./documents/problem.js";
export type { SourceLocation } from "./documents/source.js";
export { RULES } from "./rules/index.js";
export type { CompiledRule, Finding, ManifestInput, RuleModule, RuleContext } from "./rules/types.js";
export type { GovernanceOptions } from "./check/governance.js";
export type { TeamDirectory, Membership } from "./governance/teams.js";
export { LocalFiles } from "./workspace/files.js";
export { toJson } from "./report/json.js";
export { toText } from "./report/text.js";
export { guard, type GuardOptions, type GuardResult, type RunOutcome, type Decision } from "./guard/guard.js";
export { LedgerError, RunRefusedError } from "./guard/ledger-file.js";
export type { CheckLine, CheckName, CheckStatus } from "./check/ledger.js";
export { APPROVAL_CHECK, type RunApproval } from "./governance/approval.js";
