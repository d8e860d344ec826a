import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { parse } from "yaml";
import { cleanup, pullRequest, ROOT, runAction, SAFE } from "./harness.js";

afterEach(cleanup);

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { description: string }>;
}

const actionYml = async () => parse(await readFile(path.join(ROOT, "action.yml"), "utf8")) as ActionYml;

/** Names in the first column of the Markdown table under a heading of docs/action.md (or the README). */
async function documented(heading: string, file = "docs/action.md", level = "##"): Promise<string[]> {
  const doc = await readFile(path.join(ROOT, file), "utf8");
  const section = doc.split(`\n${level} ${heading}\n`)[1]!.split(/\n#{2,3} /)[0]!;
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

it("action.yml runs the committed bundle on the node24 runtime", async () => {
  const yml = await actionYml();
  expect(yml.runs).toEqual({ using: "node24", main: "dist/index.js" });
});

it("docs/action.md documents every input and output of action.yml", async () => {
  const yml = await actionYml();
  expect(await documented("Inputs")).toEqual(Object.keys(yml.inputs));
  expect(await documented("Outputs")).toEqual(Object.keys(yml.outputs));
});

it("the README's tables list the same inputs and outputs", async () => {
  const yml = await actionYml();
  expect(await documented("Inputs", "README.md", "###")).toEqual(Object.keys(yml.inputs));
  expect(await documented("Outputs", "README.md", "###")).toEqual(Object.keys(yml.outputs));
});

it("the Action sets exactly the outputs action.yml declares (sarif-path when asked for SARIF)", async () => {
  const { api, workspace, payload } = await pullRequest([SAFE]);
  const run = await runAction({ api, workspace, payload, inputs: { sarif: "true" } });
  expect(run.code).toBe(0);
  expect(Object.keys(run.outputs).sort()).toEqual(Object.keys((await actionYml()).outputs).sort());
});
