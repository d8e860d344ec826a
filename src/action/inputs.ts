import { repoPath } from "../documents/paths.js";
import { parseDate } from "../documents/units.js";
import { checkRelative } from "../documents/paths.js";
import { DEFAULT_MANIFESTS } from "../check/select.js";

/** What fails the check: the step's exit code is the gate. */
export const FAIL_ON = ["mandatory", "hard-mandatory", "never"] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface Inputs {
  /** Globs selecting manifest files; a line starting with ! excludes. */
  manifests: string[];
  policies: string;
  token: string;
  /** The token that reads team membership; "" means `token`. */
  teamsToken: string;
  comment: boolean;
  /** Also write the findings as SARIF 2.1.0 (for github/codeql-action/upload-sarif). */
  sarif: boolean;
  failOn: FailOn;
  /** Evaluation time, for reproducible runs. */
  now: Date | undefined;
  /** Connection string of a Postgres inventory (a secret); "" means the variable the catalog names. */
  inventoryUrl: string;
}

const TRUE = ["true", "True", "TRUE"];
const FALSE = ["false", "False", "FALSE"];

/** Reads and checks the inputs (`get` returns "" for an input not given). Every error names the input and what it accepts. */
export function parseInputs(get: (name: string) => string): { inputs: Inputs; errors: [] } | { inputs: undefined; errors: string[] } {
  const errors: string[] = [];
  const lines = get("manifests")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const manifests = lines.length > 0 ? lines : DEFAULT_MANIFESTS;
  for (const g of manifests) {
    const bad = checkRelative(g.replace(/^!/, ""));
    if (bad) errors.push(`input 'manifests': the glob '${g}' ${bad}`);
  }

  const policies = repoPath(get("policies").trim() || "policies");
  const badDir = checkRelative(policies);
  if (badDir) errors.push(`input 'policies': '${policies}' ${badDir}`);
  // Read through the API at the base commit, the policies directory must be a small one of its own.
  else if (policies === ".") errors.push("input 'policies' must name a directory of its own (such as policies), not the repository root");

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = get(name).trim() || String(fallback);
    if (FALSE.includes(raw)) return false;
    if (!TRUE.includes(raw)) errors.push(`input '${name}' must be true or false, not '${raw}'`);
    return true;
  };
  const comment = flag("comment", true);
  const sarif = flag("sarif", false);

  const failOnRaw = get("fail-on").trim() || "mandatory";
  const failOn = (FAIL_ON as readonly string[]).includes(failOnRaw) ? (failOnRaw as FailOn) : undefined;
  if (!failOn) errors.push(`input 'fail-on' must be one of ${FAIL_ON.join(", ")}, not '${failOnRaw}'`);

  const nowRaw = get("now").trim();
  let now: Date | undefined;
  if (nowRaw) {
    // The CLI's --now parser: 2026-02-31 and 2026-11-24junk are refused, not rolled over or cut short.
    const parsed = parseDate(nowRaw);
    if (parsed.ok) now = parsed.value;
    else errors.push(`input 'now' must be an ISO 8601 date such as 2026-11-24 or 2026-11-24T12:00:00Z, not '${nowRaw}'`);
  }

  if (errors.length > 0) return { inputs: undefined, errors };
  return { inputs: { manifests, policies, token: get("token").trim(), teamsToken: get("teams-token").trim(), comment, sarif, failOn: failOn!, now, inventoryUrl: get("inventory-url").trim() }, errors: [] };
}

/**
 * Whether the step fails: always when Blastgate could not decide, otherwise as `fail-on` says.
 * Counts are of blocking findings: an overridden or waived finding fails nothing.
 */
export function gateFails(verdict: "allowed" | "blocked" | "error", blocking: { all: number; hardMandatory: number }, failOn: FailOn): boolean {
  if (verdict === "error") return true;
  if (failOn === "never") return false;
  if (failOn === "hard-mandatory") return blocking.hardMandatory > 0;
  return blocking.all > 0;
}
