import { type FileSource } from "../documents/files.js";
export { gitBlobId } from "./files.js";
/**
 * The files of one commit of a local git repository (`git cat-file blob <commit>:./<path>`, run in
 * the repository root): the CLI reads what a reviewer saw this way. Only reads are offered.
 */
export declare class GitFiles implements FileSource {
    private readonly root;
    private readonly commit;
    readonly label: string;
    constructor(root: string, commit: string);
    readText(file: string, maxBytes: number): Promise<string>;
    chunks(file: string, maxBytes: number): AsyncIterable<string>;
    list(dir: string): Promise<string[]>;
    /** Git's id of the file at this commit (`git rev-parse <commit>:./<path>`), without reading it; undefined when it is not there. */
    blobId(file: string): Promise<string | undefined>;
    exists(file: string): Promise<boolean>;
}
/** Runs git in a directory; never throws (a missing git, a failing command: `ok` false with git's first line). */
export declare function runGit(cwd: string, args: readonly string[]): Promise<{
    ok: boolean;
    stdout: string;
    error: string;
}>;
