/** Manifests for the example repository (examples/) under the starter pack, written for issue 11's limit cases. */

const pad = (n: number) => String(n).padStart(4, "0");

/** An identifier file: `prefix-0001`, ... one a line. */
export const idFile = (prefix: string, from: number, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${pad(from + i)}`).join("\n") + "\n";

/**
 * A manifest every starter rule passes on its own (soft delete, drilled undelete, a restore within the RTO,
 * two different teams to request and run it); only the approvals of the advisory intent-sign-off are owed (no reviews).
 */
export function starterManifest(o: { name: string; action: "delete-site" | "remove-app"; ids: string; stages?: string; rollback?: string; scripts?: string[] }): string {
  const kind = o.action === "delete-site" ? "site" : "app";
  return `apiVersion: blastgate.dev/v1
kind: Operation
metadata:
  name: ${o.name}
  ticket: OPS-2026-1101
  requestedBy: example-org/ecosystem
  executedBy: example-org/site-platform
${o.scripts ? `  scripts: [${o.scripts.join(", ")}]\n` : ""}spec:
  environment: production
  action: ${o.action}
  target:
    kind: ${kind}
    identifiers:
      file: ${o.ids}
  deletion:
    mode: soft
    retention: 30d
${o.stages ?? ""}  rollback:
    strategy: undelete
    runbook: https://runbooks.example.com/${kind}s/undelete
    lastTested: 2026-10-15
${o.rollback ?? (kind === "site" ? "    restoreRate: 4/h\n    rto: 8h\n" : "    restoreRate: 500/h\n    rto: 4h\n")}`;
}

/**
 * The split run of issue 11: `count` manifests (37 by default), each deleting the next 24 sites (2% of the
 * example's 1,200 sites and 24 customers: under every starter limit), 888 sites together. Path -> text.
 */
export function splitRun(count = 37, from = 0): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = from; i < from + count; i++) {
    const n = String(i + 1).padStart(2, "0");
    files[`ids/split/part-${n}.txt`] = idFile("site", 1 + i * 24, 24);
    files[`manifests/split/part-${n}.yaml`] = starterManifest({ name: `delete-sites-${n}`, action: "delete-site", ids: `ids/split/part-${n}.txt` });
  }
  return files;
}

/** The example catalog with one restore point for every product, so deleting a site is clean under the starter pack. */
export const oneRestorePoint = (catalog: string) => catalog.replace(/restorePoint: \dh/g, "restorePoint: 1h");
