import path from "node:path";
import { stat } from "node:fs/promises";
import { repoPath } from "../documents/paths.js";

export const EXIT = { allowed: 0, blocked: 1, error: 2 } as const;

/** What a command may touch of the process: injected, so commands run in tests as they do from the shell. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Paths on the command line are relative to where the user stands; documents' paths to the root. */
export function toRepoPath(p: string, cwd: string, root: string): string {
  if (/[*?[\]{}]/.test(p)) return repoPath(p);
  const rel = path.relative(root, path.resolve(cwd, p));
  return rel.split(path.sep).join("/") || ".";
}

/** `--root` as a directory, or a message saying why not. */
export async function rootDir(cwd: string, given: string | undefined): Promise<{ root: string } | { error: string }> {
  const root = path.resolve(cwd, given ?? ".");
  return (await stat(root).then((st) => st.isDirectory(), () => false)) ? { root } : { error: `--root ${given ?? "."} is not a directory` };
}
