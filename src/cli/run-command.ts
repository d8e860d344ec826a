/**
 * `blastgate run`'s command: found before anything is recorded, started in a process group of its own,
 * handed the stage's identifiers, and sent on any SIGTERM, SIGINT or SIGHUP `run` receives, so that
 * `run` outlives it and records its end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { constants as fs, type Stats } from "node:fs";
import { access, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { constants, tmpdir } from "node:os";
import path from "node:path";
import type { RunOutcome } from "../guard/guard.js";

const FORWARDED = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

/** Why the command cannot be started (exit 127 not found, 126 not executable, as a shell says), or undefined when it can. */
export async function unstartable(command: string, cwd: string, env: Record<string, string | undefined>): Promise<{ exitCode: 126 | 127; why: string } | undefined> {
  const candidates = command.includes("/") ? [path.resolve(cwd, command)] : (env.PATH ?? "").split(path.delimiter).map((dir) => path.resolve(cwd, dir || ".", command));
  let found: string | undefined;
  for (const file of candidates) {
    const st: Stats | undefined = await stat(file).catch(() => undefined);
    if (!st?.isFile()) continue;
    if (
      await access(file, fs.X_OK).then(
        () => true,
        () => false,
      )
    )
      return undefined;
    found ??= file;
  }
  if (found) return { exitCode: 126, why: `${found} is not executable` };
  return { exitCode: 127, why: command.includes("/") ? `${command} does not exist` : `${command} is not found on PATH` };
}

/**
 * Catches SIGTERM, SIGINT and SIGHUP from before the start is recorded until the command's end: the first
 * is passed to the command's process group (Ctrl-C reaches `run` alone: the command has a group of its own),
 * a second one kills the group (SIGKILL). A signal before the command started keeps it from starting.
 */
export class Interrupts {
  signal: NodeJS.Signals | undefined;
  private child: ChildProcess | undefined;
  private readonly handler = (s: NodeJS.Signals) => this.receive(s);

  constructor(private readonly say: (line: string) => void) {
    for (const s of FORWARDED) process.on(s, this.handler);
  }

  watch(child: ChildProcess): void {
    this.child = child;
  }

  release(): void {
    for (const s of FORWARDED) process.off(s, this.handler);
  }

  private receive(s: NodeJS.Signals): void {
    const again = this.signal !== undefined;
    this.signal ??= s;
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child.signalCode !== null) return;
    this.say(again ? `blastgate run: ${s} again: killing the command (SIGKILL to its process group ${pid})` : `blastgate run: ${s}: passed to the command (process group ${pid}); waiting for it to end (a second signal kills it)`);
    try {
      process.kill(-pid, again ? "SIGKILL" : s);
    } catch {
      // The group is gone already: its end is on its way.
    }
  }
}

/** The command, with the stage's identifiers on stdin and in BLASTGATE_IDS_FILE; its exit code (128 + n for a signal). */
export async function runWithIds(command: string[], ids: string[], vars: Record<string, string>, io: { cwd: string; env: Record<string, string | undefined>; stderr: (s: string) => void }, interrupts: Interrupts): Promise<RunOutcome> {
  if (interrupts.signal) return { exitCode: 128 + (constants.signals[interrupts.signal] ?? 0), signal: interrupts.signal, notStarted: true };
  const dir = await mkdtemp(path.join(tmpdir(), "blastgate-ids-"));
  const file = path.join(dir, "identifiers.txt");
  const text = ids.map((id) => `${id}\n`).join("");
  await writeFile(file, text, { mode: 0o600 });
  try {
    return await new Promise<RunOutcome>((resolve) => {
      // A group of its own: a signal reaches the command and whatever it started (a shell's children too).
      const child = spawn(command[0]!, command.slice(1), { cwd: io.cwd, detached: true, stdio: ["pipe", "inherit", "inherit"], env: { ...io.env, ...vars, BLASTGATE_IDS_FILE: file } });
      interrupts.watch(child);
      let settled = false;
      child.on("error", (e: NodeJS.ErrnoException) => {
        if (settled || child.pid !== undefined) return;
        settled = true;
        io.stderr(`blastgate run: ${command[0]} cannot be started: ${e.code ?? e.message} (nothing ran)\n`);
        resolve({ exitCode: e.code === "EACCES" ? 126 : 127, notStarted: true });
      });
      // A command that does not read its stdin must not fail the write.
      child.stdin.on("error", () => undefined);
      child.stdin.end(text);
      child.on("close", (code, signal) => {
        if (settled) return;
        settled = true;
        resolve(signal ? { exitCode: 128 + (constants.signals[signal] ?? 0), signal } : { exitCode: code ?? 1 });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
