export declare const EXIT: {
    readonly allowed: 0;
    readonly blocked: 1;
    readonly error: 2;
};
/** What a command may touch of the process: injected, so commands run in tests as they do from the shell. */
export interface Io {
    stdout: (s: string) => void;
    stderr: (s: string) => void;
    isTTY: boolean;
    env: Record<string, string | undefined>;
    cwd: string;
}
/** Paths on the command line are relative to where the user stands; documents' paths to the root. */
export declare function toRepoPath(p: string, cwd: string, root: string): string;
/** `--root` as a directory, or a message saying why not. */
export declare function rootDir(cwd: string, given: string | undefined): Promise<{
    root: string;
} | {
    error: string;
}>;
/** Every command's -h/--help. */
export declare const HELP_OPTION: {
    readonly type: "boolean";
    readonly short: "h";
};
/** A command's parsed arguments, or its exit code when the usage was printed (0) or the arguments refused (2). */
export declare function commandArgs<T extends {
    values: {
        help?: boolean | undefined;
    };
}>(io: Io, usage: string, parse: () => T, command?: string): T | number;
/** One line for what node:util's parseArgs refused: `unknown option '--bogus'`, not its advice about positionals. */
export declare function parseArgsMessage(e: unknown): string;
/** `--now`: the time to judge at (default: the current time); undefined, with the message written, when it is no date. */
export declare function nowOption(value: string | undefined, io: Io): Date | undefined;
