import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitBlobId } from "../../src/workspace/git.js";

const dir = mkdtempSync(path.join(tmpdir(), "blastgate-blob-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("gitBlobId", () => {
  it("is the id git gives the file's content (as a commit's tree lists it), read in chunks", async () => {
    for (const [name, content] of [
      ["empty", Buffer.alloc(0)],
      ["text.ndjson", Buffer.from('{"id":"site-0001","kind":"site"}\r\n', "utf8")],
      // Larger than one read (1 MiB), with every byte value.
      ["big.bin", Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 256))],
    ] as const) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      const git = spawnSync("git", ["hash-object", file], { encoding: "utf8" });
      expect(git.status).toBe(0);
      expect(await gitBlobId(file)).toBe(git.stdout.trim());
    }
  });

  it("is undefined for a file that does not exist, or a directory", async () => {
    expect(await gitBlobId(path.join(dir, "missing"))).toBeUndefined();
    expect(await gitBlobId(dir)).toBeUndefined();
  });
});
