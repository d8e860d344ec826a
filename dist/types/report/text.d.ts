import type { SourceLocation } from "../documents/source.js";
import type { Finding } from "../rules/types.js";
import type { CheckResult } from "../check/run.js";
export interface Style {
    red(s: string): string;
    yellow(s: string): string;
    green(s: string): string;
    bold(s: string): string;
    dim(s: string): string;
}
export declare const COLOR: Style;
export declare const PLAIN: Style;
export declare function where(l: SourceLocation): string;
/** "inventory: postgres inventory.objects as of 12:04:31Z": which snapshot of a live inventory the run was judged against. */
export declare function inventoryLine(info: CheckResult["inventory"]): string | undefined;
/** The verdict in one line: what a person reads first. */
export declare function headline(r: CheckResult): string;
/**
 * Where the blocking findings are: "3 of 4 manifests", and any other file counted apart ("4 manifests and
 * 1 other file": a governed script no manifest names, a changed policy), never as a manifest.
 */
export declare function blockedIn(r: Pick<CheckResult, "manifests">, blocking: readonly Finding[]): string;
/** The report for people at a terminal, in the order a reviewer reads: verdict, then each manifest's plan and findings. */
export declare function toText(r: CheckResult, style?: Style): string;
