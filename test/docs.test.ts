import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { PROJECT } from "./support/repo.js";

it("docs/rules.md is what the rule metadata generates (npm run docs)", async () => {
  const { renderRulesDoc } = (await import(path.join(PROJECT, "scripts/docs.mjs"))) as { renderRulesDoc(): string };
  expect(readFileSync(path.join(PROJECT, "docs/rules.md"), "utf8")).toBe(renderRulesDoc());
});
