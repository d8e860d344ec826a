import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect } from "vitest";

const require = createRequire(import.meta.url);
// CommonJS whose module.exports is the class: required, so TypeScript and Node agree on what the import is.
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the class is module.exports: only import()'s .default types it
const Ajv04 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
/** SARIF 2.1.0's JSON Schema (the rtm.5 text GitHub code scanning validates against), as @microsoft/jest-sarif ships it. */
const SARIF_SCHEMA = JSON.parse(readFileSync(path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
const validateSarif = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false, logger: false }).compile(SARIF_SCHEMA);

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: unknown[];
}
export interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; name: string; shortDescription: { text: string }; helpUri: string }[] } };
    results: SarifResult[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[];
  }[];
}

/** Parses a SARIF log and asserts it is valid SARIF 2.1.0 (the schema's errors are the assertion's message). */
export function sarifOf(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
  return log;
}
