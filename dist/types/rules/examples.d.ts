import type { IdentifierList } from "../documents/identifiers.js";
import type { Sample } from "../resolve/resolve.js";
/** "'site-1' (line 3), 'site-2' (line 4), 'site-3' (line 5) and 880 more" */
export declare function describeSample(s: Sample, ids: IdentifierList, max?: number): string;
export declare function exampleIds(s: Sample, ids: IdentifierList, max?: number): string[];
export declare function percent(x: number): string;
export declare function num(n: number): string;
