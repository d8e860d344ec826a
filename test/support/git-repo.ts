/** Real git repositories for CLI tests whose reviews point at real commits; removed by removeTemps(). */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const temps: string[] = [];
export const removeTemps = () => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
export const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "blastgate-gov-"));
  temps.push(d);
  return d;
};

/** A git repository; `commit` writes files (null removes one), commits them and returns the commit id. */
export class Repo {
  readonly dir = tempDir();
  constructor(files: Record<string, string>) {
    this.git("init", "-q");
    this.commit(files, "first");
  }
  git(...args: string[]): string {
    return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: this.dir, encoding: "utf8" }).trim();
  }
  commit(files: Record<string, string | null>, message: string): string {
    for (const [rel, text] of Object.entries(files)) {
      if (text === null) rmSync(path.join(this.dir, rel));
      else {
        mkdirSync(path.dirname(path.join(this.dir, rel)), { recursive: true });
        writeFileSync(path.join(this.dir, rel), text);
      }
    }
    this.git("add", "-A");
    this.git("commit", "-q", "-m", message);
    return this.git("rev-parse", "HEAD");
  }
}
