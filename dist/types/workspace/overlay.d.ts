import { type FileSource } from "../documents/files.js";
/**
 * A file source with some files replaced or added in memory: a policy test's inline manifest, its inventory
 * rows, the files its change names. Everything else is read from the source below.
 */
export declare class OverlayFiles implements FileSource {
    private readonly base;
    readonly label: string;
    private readonly files;
    constructor(base: FileSource, files: ReadonlyMap<string, string>);
    readText(file: string, maxBytes: number): Promise<string>;
    chunks(file: string, maxBytes: number): AsyncIterable<string>;
    list(dir: string): Promise<string[]>;
    exists(file: string): Promise<boolean>;
    reads(file: string): Promise<string[]>;
    hasLinks(): Promise<boolean>;
}
