import type { ImpactFinding, PolicyImpact } from "../engine/impact.js";
import { type Style } from "./text.js";
/** "3 of 41 manifests change verdict under the new policies (2 newly blocked, 1 newly allowed); 1 more changes findings only". */
export declare function impactCounts(i: PolicyImpact): string;
/** Said whenever the comparison was capped: never silently. */
export declare function capNote(i: PolicyImpact): string;
/** Where a finding is and what it does, as one line of detail: `bulk-limits: 883 targets ... (ops/x.yaml:15)`. */
export declare function impactFindingText(f: ImpactFinding): string;
/** The CLI's impact: one line per changed manifest (`ops/x.yaml: allowed -> blocked`), its findings added and removed, then the counts. */
export declare function impactText(i: PolicyImpact, style?: Style): string;
