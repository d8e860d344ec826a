import type { Problem } from "../documents/problem.js";
import type { Finding } from "../rules/types.js";

/**
 * Findings about a change itself, not about one manifest: it edits the policies that judge it, or the
 * inventory that decides what each identifier is. Pure: the caller says what changed (from the pull
 * request's or merge group's file list); evaluate() adds these to the findings and tallies them once.
 */

export const POLICY_CHANGED = "blastgate/policy-changed";
export const INVENTORY_CHANGED = "blastgate/inventory-changed";

export interface ChangedFile {
  filename: string;
  /** added, removed, modified, renamed, copied, changed, unchanged */
  status: string;
  /** The old name of a renamed file. */
  previousFilename?: string;
}

export interface ChangedFiles {
  files: ChangedFile[];
  /**
   * False when GitHub may have cut the list short (3,000 files for a pull request, 300 for a
   * comparison): the caller must then judge every manifest rather than trust the list.
   */
  complete: boolean;
}

/** What a caller learnt about the change (the Action, from GitHub's list of changed files). */
export interface ChangeFacts {
  /** How the change is named in messages: "pull request", or "change" for a merge group. */
  what: string;
  /** Where the policies that judge come from ("base commit 1a2b3c4"). */
  policySource: string;
  /** The policies directory. */
  policiesDir: string;
  /** Policy files the change adds, edits, renames or removes. */
  policyFiles: ChangedFile[];
  /** Problems in the change's own version of the policies: not used to judge, but a broken one must not merge. */
  changedPolicyProblems?: Problem[];
  /** When the change edits the inventory the catalog names. */
  inventory?: {
    file: string;
    /** Manifests and identifier files judged against it in the same change (a pull request's; none for a merge group). */
    alongside: string[];
    /** GitHub listed only part of the change's files, so what changes with the inventory cannot be told. */
    listCut: boolean;
  };
}

/** The findings and problems a change's own facts call for. */
export function judgeChange(c: ChangeFacts): { findings: Finding[]; problems: Problem[] } {
  const findings = c.policyFiles.map((f) => policyChanged(f, c.policySource, c.what));
  const problems = (c.changedPolicyProblems ?? []).map((p) => ({ ...p, message: `${p.message} (in this ${c.what}'s version of ${c.policiesDir}/)` }));
  if (c.inventory) findings.push(inventoryChanged(c.inventory.file, c.what, c.inventory.alongside, c.inventory.listCut));
  return { findings, problems };
}

function changeFinding(ruleId: string, file: string, message: string, evidence: Finding["evidence"], enforcement: Finding["enforcement"] = "advisory"): Finding {
  const location = { file, line: 1, column: 1 };
  const id = ruleId.replace(/^blastgate\//, "");
  return { ruleId, ruleType: id, enforcement, severity: enforcement === "advisory" ? "warning" : "error", messageId: id, message, location, manifest: file, evidence, policy: location };
}

function inventoryChanged(file: string, what: string, alongside: string[], listCut: boolean): Finding {
  if (listCut) {
    return changeFinding(
      INVENTORY_CHANGED,
      file,
      `this ${what} changes the inventory ${file}, and GitHub lists only part of its changed files, so which manifests and identifier files change with it cannot be told: the inventory decides what each identifier is, so it cannot change in the same ${what} as a run it judges. Merge the inventory change on its own first`,
      { manifests: alongside, changedFilesListed: false },
      "hard-mandatory",
    );
  }
  if (alongside.length > 0) {
    const named = alongside.slice(0, 3).join(", ") + (alongside.length > 3 ? ` and ${alongside.length - 3} more` : "");
    return changeFinding(
      INVENTORY_CHANGED,
      file,
      `this ${what} changes the inventory ${file} and, with it, ${alongside.length === 1 ? "a manifest" : "manifests"} judged against it (${named}): the inventory decides what each identifier is, so it cannot change in the same ${what} as a run it judges. Merge the inventory change on its own first, reviewed by its owners; then this run is judged against it`,
      { manifests: alongside },
      "hard-mandatory",
    );
  }
  return changeFinding(INVENTORY_CHANGED, file, `this ${what} changes the inventory ${file}: every manifest was judged against the changed inventory, so review the inventory change itself (it decides what each identifier is)`, {});
}
function policyChanged(f: ChangedFile, base: string, what: string): Finding {
  const verb = f.status === "removed" ? "removes" : f.status === "added" ? "adds" : f.status === "renamed" ? `renames ${f.previousFilename} to` : "changes";
  return changeFinding(POLICY_CHANGED, f.filename, `this ${what} ${verb} the policy file ${f.filename}: it is judged by the policies of the ${base}, and the change applies once merged`, { status: f.status });
}
