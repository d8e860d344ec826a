/**
 * `blastgate run`'s command: found before anything is recorded, started in a process group of its own,
 * handed the stage's identifiers, and sent on any SIGTERM, SIGINT or SIGHUP `run` receives, so that
 * `run` outlives it and records its end.
 */
import { type ChildProcess } from "node:child_process";
import type { RunOutcome } from "../guard/guard.js";
/** Why the command cannot be started (exit 127 not found, 126 not executable, as a shell says), or undefined when it can. */
export declare function unstartable(command: string, cwd: string, env: Record<string, string | undefined>): Promise<{
    exitCode: 126 | 127;
    why: string;
} | undefined>;
/**
 * Catches SIGTERM, SIGINT and SIGHUP from before the start is recorded until the command's end: the first
 * is passed to the command's process group (Ctrl-C reaches `run` alone: the command has a group of its own),
 * a second one kills the group (SIGKILL). A signal before the command started keeps it from starting.
 */
export declare class Interrupts {
    private readonly say;
    signal: NodeJS.Signals | undefined;
    private child;
    private readonly handler;
    constructor(say: (line: string) => void);
    watch(child: ChildProcess): void;
    release(): void;
    private receive;
}
/** The command, with the stage's identifiers on stdin and in BLASTGATE_IDS_FILE; its exit code (128 + n for a signal). */
export declare function runWithIds(command: string[], ids: string[], vars: Record<string, string>, io: {
    cwd: string;
    env: Record<string, string | undefined>;
    stderr: (s: string) => void;
}, interrupts: Interrupts): Promise<RunOutcome>;
