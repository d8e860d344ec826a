import { type Plan } from "../measure/plan.js";
import type { Finding } from "../rules/types.js";
/**
 * One picture of a plan: its facts as plain text lines (the source of truth, for screen readers and the
 * terminal) and the same facts as a Mermaid diagram (what GitHub draws in a comment or a job summary).
 * Facts are unescaped text for the caller to escape for its medium; the diagram is ready to emit.
 */
export interface PlanPicture {
    title: string;
    facts: string[];
    mermaid: string;
}
/** The rollout, what is destroyed and (when products share an object) their restore points: the pictures of one plan. */
export declare function planPictures(plan: Plan, findings: readonly Finding[]): PlanPicture[];
