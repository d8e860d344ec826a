export declare const GUARD_USAGE = "Runtime guard (at execution, in the repository's working tree):\n  blastgate guard <manifest> [--stage NAME] [--ids FILE|-] [--environment NAME]\n  blastgate run <manifest> --stage NAME [options] -- <command...>\n  blastgate status <manifest> --ledger FILE\n  blastgate mark <manifest> --stage NAME --as done|retry --reason TEXT --ledger FILE\n\n  --ledger FILE        the ledger of runs, a JSON Lines file (or BLASTGATE_LEDGER)\n  --environment NAME   where this runs (or BLASTGATE_ENVIRONMENT)\n  --branch NAME        the protected branch (default: the remote's default branch)\n  --repo OWNER/NAME    the GitHub repository (default: GITHUB_REPOSITORY); GITHUB_TOKEN reads it\n  --policies DIR       the policies directory (default: policies)\n  --inventory-url URL  the live inventory's connection string, when the catalog names a database\n  --now ISO-8601       the clock, for tests and dry runs\n\nguard prints one line per check (merged, approved, current, ids, stage, environment, budget) and\nexits 0 go, 1 refused, 2 cannot decide. run runs the command only on go, with the stage's approved\nidentifiers on stdin and in the file named by BLASTGATE_IDS_FILE, and exits with its exit code.\n";
interface Io {
    stdout: (s: string) => void;
    stderr: (s: string) => void;
    env: Record<string, string | undefined>;
    cwd: string;
}
export declare function guardMain(command: "guard" | "run" | "status" | "mark", argv: string[], io: Io): Promise<number>;
export {};
