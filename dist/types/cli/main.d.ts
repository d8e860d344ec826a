export declare const EXIT: {
    readonly allowed: 0;
    readonly blocked: 1;
    readonly error: 2;
};
export interface Io {
    stdout: (s: string) => void;
    stderr: (s: string) => void;
    isTTY: boolean;
    env: Record<string, string | undefined>;
    cwd: string;
}
export declare function main(argv: string[], io: Io): Promise<number>;
