import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runnerCommands } from "../support/runner-commands.js";
import { cleanup, commentsByBot, LEGACY, pullRequest, runAction, SAFE, write } from "./harness.js";

afterEach(cleanup);

/** Changed files named to act as workflow commands when a log line quotes them. */
const HOSTILE = ["manifests/a\n::stop-commands::pwn\nb.yaml", "::notice title=Blastgate::ALLOWED by pwn.yaml", "manifests/x ##[error]pwn.yaml", "manifests/c\r::warning::pwn.yaml", "\u3000::add-mask::pwn.yaml"];

describe("untrusted text on the runner's log", () => {
  it("no file name of a pull request acts as a workflow command; Blastgate's own annotations all arrive", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY, SAFE], {
      edit: async (ws) => {
        for (const name of HOSTILE) {
          await write(ws, name, "");
          await copyFile(path.join(ws, SAFE), path.join(ws, name));
        }
      },
    });
    const run = await runAction({ api, workspace, payload });

    // The hostile names did reach the log (each judged manifest is named there, then in the report).
    expect(run.stdout).toContain("pwn");
    const commands = runnerCommands(run.stdout);
    // Blastgate's stop-commands block around the report, then its annotations; nothing else.
    expect(commands[0]).toMatchObject({ name: "stop-commands", form: "v2" });
    expect(commands[0]!.data).toMatch(/^[0-9a-f-]{36}$/);
    expect(commands[1]).toMatchObject({ name: commands[0]!.data, form: "v2", line: `::${commands[0]!.data}::` });
    const rest = commands.slice(2);
    for (const c of rest) {
      expect(c.form).toBe("v2");
      expect(["error", "warning", "notice"]).toContain(c.name);
      expect(c.line.startsWith(`::${c.name} `)).toBe(true);
      expect(c.properties.title).toMatch(/^Blastgate/);
    }
    // The legacy manifest's nine findings are all annotated (none was silenced by a stop-commands from a file name).
    expect(rest.filter((c) => c.name === "error").map((c) => c.properties.file)).toContain(LEGACY);
    expect(rest.filter((c) => c.name === "error")).toHaveLength(9);
    expect(run.code).toBe(1);
  });

  it("the comment's notes quote a file name as text: no mention, no issue reference, no HTML, no link", async () => {
    const name = "policies/@octocat #123 <b>pwn</b> [x](https://e.example).yaml";
    const { api, workspace, payload } = await pullRequest([SAFE], { edit: (ws) => write(ws, name, "# a note\n") });
    await runAction({ api, workspace, payload });

    const body = commentsByBot(api)[0]!.body;
    const note = body.split("\n").find((l) => l.startsWith("> ") && l.includes("octocat"));
    expect(note).toBeDefined();
    // Outside code spans (where GitHub renders nothing), nothing of the name may render as Markdown.
    const rendered = note!.replace(/`[^`]*`/g, "");
    expect(rendered).not.toContain("@octocat");
    expect(rendered).not.toContain("#123");
    expect(rendered).not.toContain("<b>");
    expect(rendered).not.toContain("](https://");
    expect(await readFile(path.join(workspace, name), "utf8")).toBe("# a note\n");
  });
});

describe("annotations within GitHub's ten errors per step", () => {
  it("a repeat of one rule at one place never crowds out another mandatory finding", async () => {
    const COPY = "manifests/remove-insight-legacy2.yaml";
    const { api, workspace, payload } = await pullRequest([LEGACY], { edit: (ws) => copyFile(path.join(ws, LEGACY), path.join(ws, COPY)) });
    const run = await runAction({ api, workspace, payload });

    expect(run.code).toBe(1);
    const report = JSON.parse(await readFile(run.outputs.report!, "utf8")) as { findings: { ruleId: string; enforcement: string; location: { file: string; line: number; column: number } }[] };
    const place = (ruleId: string, l: { file?: string | undefined; line?: number | undefined; column?: number | undefined }) => `${ruleId} ${l.file}:${l.line}:${l.column}`;
    const hard = new Set(report.findings.filter((f) => f.enforcement === "hard-mandatory").map((f) => place(f.ruleId, f.location)));
    // More distinct hard-mandatory (rule, place) pairs than GitHub shows: every error annotation is a different one.
    expect(hard.size).toBeGreaterThan(10);
    const errors = run.annotations.filter((a) => a.level === "error");
    expect(errors).toHaveLength(10);
    const shown = errors.map((a) => place(/: (\S+) \(/.exec(a.title!)![1]!, { file: a.file, line: a.line, column: a.col }));
    expect(new Set(shown).size).toBe(10);
    for (const s of shown) expect(hard).toContain(s);
    expect(run.annotations.at(-1)!.message).toMatch(/^\+\d+ more findings not annotated/);
  });
});
