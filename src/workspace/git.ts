import { execFile, spawn } from "node:child_process";
import { TextDecoder } from "node:util";
import { checkRelative } from "../documents/paths.js";
import { FileError, mib, type FileSource } from "../documents/files.js";
import { repoPath } from "../documents/paths.js";

export { gitBlobId } from "./files.js";

const COMMIT = /^[0-9a-f]{4,64}$/i;

/**
 * The files of one commit of a local git repository (`git cat-file blob <commit>:./<path>`, run in
 * the repository root): the CLI reads what a reviewer saw this way. Only reads are offered.
 */
export class GitFiles implements FileSource {
  readonly label: string;

  constructor(
    private readonly root: string,
    private readonly commit: string,
  ) {
    if (!COMMIT.test(commit)) throw new FileError(`'${commit}' is not a commit id`, "io");
    this.label = `commit ${commit.slice(0, 7)}`;
  }

  async readText(file: string, maxBytes: number): Promise<string> {
    let text = "";
    for await (const c of this.chunks(file, maxBytes)) text += c;
    return text;
  }

  async *chunks(file: string, maxBytes: number): AsyncIterable<string> {
    const bad = checkRelative(file);
    if (bad) throw new FileError(`${file} ${bad}`, "outside");
    const spec = `${this.commit}:./${repoPath(file)}`;
    const child = spawn("git", ["--no-pager", "cat-file", "blob", spec], { cwd: this.root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d.slice(0, 2000)));
    const exited = new Promise<number | null>((resolve) => {
      child.on("error", (e) => {
        stderr += e.message;
        resolve(null);
      });
      child.on("close", (code) => resolve(code));
    });
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let read = 0;
    try {
      for await (const buf of child.stdout as AsyncIterable<Buffer>) {
        read += buf.length;
        if (read > maxBytes) throw new FileError(`${file} is over the limit of ${mib(maxBytes)} at ${this.label}`, "too-large");
        yield decode(decoder, buf, file, true);
      }
      const code = await exited;
      if (code !== 0) throw new FileError(`${file} cannot be read at ${this.label}: ${firstLine(stderr) || `git exited with ${code}`}`, "missing");
      yield decode(decoder, undefined, file, false);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  }

  async list(dir: string): Promise<string[]> {
    const base = dir === "" || repoPath(dir) === "." ? "" : repoPath(dir);
    const bad = base === "" ? undefined : checkRelative(base);
    if (bad) throw new FileError(`${dir} ${bad}`, "outside");
    const args = ["--no-pager", "ls-tree", "-r", "-z", "--name-only", this.commit, ...(base ? ["--", base] : [])];
    const out = await new Promise<string>((resolve, reject) =>
      execFile("git", args, { cwd: this.root, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } }, (e, stdout, stderr) =>
        e ? reject(new FileError(`${dir || "the repository"} cannot be listed at ${this.label}: ${firstLine(String(stderr)) || e.message}`, "io")) : resolve(String(stdout)),
      ),
    );
    // ls-tree also matches a path prefix of a file name ("scripts" lists "scripts.txt"): keep only what lies below the directory.
    return out.split("\0").filter((f) => f !== "" && (base === "" || f.startsWith(`${base}/`)));
  }

  /** Git's id of the file at this commit (`git rev-parse <commit>:./<path>`), without reading it; undefined when it is not there. */
  async blobId(file: string): Promise<string | undefined> {
    const bad = checkRelative(file);
    if (bad) throw new FileError(`${file} ${bad}`, "outside");
    const spec = `${this.commit}:./${file.replace(/\\/g, "/").replace(/^\.\//, "")}`;
    return new Promise((resolve) =>
      execFile("git", ["--no-pager", "rev-parse", "--verify", "-q", spec], { cwd: this.root, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } }, (e, stdout) => resolve(e ? undefined : String(stdout).trim() || undefined)),
    );
  }

  async exists(file: string): Promise<boolean> {
    try {
      for await (const _ of this.chunks(file, Number.MAX_SAFE_INTEGER)) break;
      return true;
    } catch {
      return false;
    }
  }
}

function firstLine(s: string): string {
  return s.trim().split(/\r?\n/)[0] ?? "";
}

function decode(decoder: TextDecoder, buf: Uint8Array | undefined, file: string, stream: boolean): string {
  try {
    return decoder.decode(buf, { stream });
  } catch {
    throw new FileError(`${file} is not UTF-8 text`, "encoding");
  }
}

/** Runs git in a directory; never throws (a missing git, a failing command: `ok` false with git's first line). */
export function runGit(cwd: string, args: readonly string[]): Promise<{ ok: boolean; stdout: string; error: string }> {
  return new Promise((resolve) =>
    execFile("git", ["--no-pager", ...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } }, (e, stdout, stderr) =>
      resolve({ ok: !e, stdout: String(stdout), error: e ? firstLine(String(stderr)) || e.message : "" }),
    ),
  );
}
