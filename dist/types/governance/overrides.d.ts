import type { CompiledRule } from "../rules/types.js";
import type { Finding } from "../rules/types.js";
import { type GovernanceFacts } from "./facts.js";
import { type OverrideRequest } from "./reviews.js";
import type { OverrideRecord, RefusalCode } from "../rules/status.js";
type Refusal = {
    code: RefusalCode;
    message: string;
};
/** Why a request cannot count whoever its author is a member of, or undefined (then membership decides). */
export declare function preRefusal(req: OverrideRequest, rule: CompiledRule | undefined, ruleIds: string[], author: string | undefined): Refusal | undefined;
/** Judges every override line against the findings; marks the findings an accepted override lifts. */
export declare function applyOverrides(findings: Finding[], rules: readonly CompiledRule[], facts: GovernanceFacts, names?: ReadonlyMap<string, string>): OverrideRecord[];
export {};
