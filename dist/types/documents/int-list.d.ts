/** A growable list of 32-bit integers, held in a typed array (outside the garbage-collected heap). */
export declare class IntList {
    private data;
    length: number;
    constructor(capacity?: number);
    push(value: number): void;
    at(i: number): number;
    /** The values, trimmed to their length (a view: no copy). */
    view(): Int32Array;
}
