/** Where a value came from: every finding and error points at one of these. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}
export interface Position {
    line: number;
    column: number;
}
/** JSON pointer ("/spec/target/kind") -> position of the value (and of its key, for map entries). */
export declare class SourceMap {
    readonly file: string;
    readonly origin: Position;
    readonly values: Map<string, Position>;
    readonly keys: Map<string, Position>;
    constructor(file: string, origin?: Position);
    /** The value at pointer, or the nearest ancestor that exists (a missing field points at its parent). */
    locate(pointer: string): SourceLocation;
    /** The key of a map entry (for "unknown field" errors), falling back to the value. */
    locateKey(pointer: string): SourceLocation;
}
export declare function pointerOf(parts: readonly (string | number)[]): string;
/** "/spec/target/kind" -> "spec.target.kind", the way a reader writes it. */
export declare function dottedPath(pointer: string): string;
