import { describe, expect, it } from "vitest";
import { manifest } from "../support/fixtures.js";
import { judge, policy, review, SAME_SHA, type World } from "./support.js";

const rule = (enforcement = "hard-mandatory", extra = "") => `  - id: scripts-need-manifests
    type: manifest-required
    enforcement: ${enforcement}
    overrideTeams: [acme/sre]
    with: { scripts: ["scripts/**"] }
${extra}`;
const NAMED = manifest({ identifiers: "ids/apps.txt", metadata: "  ticket: OPS-1\n  scripts: [scripts/remove-app.sh]\n" });
const GLOBBED = manifest({ identifiers: "ids/apps.txt", metadata: '  ticket: OPS-1\n  scripts: ["scripts/remove-*.sh"]\n' });
const FILES = { "ops/manifest.yaml": NAMED, "scripts/remove-app.sh": '#!/bin/sh\nremove-app "$@"\n', "scripts/other.sh": "#!/bin/sh\nrm -rf /data\n", "tools/lint.sh": "#!/bin/sh\n" };

interface Case {
  name: string;
  changed: string[] | undefined;
  world?: Partial<World>;
  /** The manifests the check judged. */
  judged: string[];
  findings: string[];
}

const cases: Case[] = [
  { name: "a changed governed script no manifest names", changed: ["scripts/other.sh"], judged: [], findings: ["noManifest @ scripts/other.sh:1:1 (scripts/other.sh)"] },
  { name: "a changed governed script a manifest names: that manifest is judged, unchanged", changed: ["scripts/remove-app.sh"], judged: ["ops/manifest.yaml"], findings: [] },
  { name: "a manifest names it by glob", changed: ["scripts/remove-app.sh"], world: { files: { ...FILES, "ops/manifest.yaml": GLOBBED } }, judged: ["ops/manifest.yaml"], findings: [] },
  { name: "a changed file no glob governs", changed: ["tools/lint.sh"], judged: [], findings: [] },
  { name: "a governed script the change removed", changed: ["scripts/gone.sh"], judged: [], findings: [] },
  { name: "a path written ./like/this", changed: ["./scripts/other.sh"], judged: [], findings: ["noManifest @ scripts/other.sh:1:1 (scripts/other.sh)"] },
  {
    name: "no change list: every governed script of the repository",
    changed: undefined,
    judged: ["ops/manifest.yaml"],
    findings: ["noManifest @ scripts/other.sh:1:1 (scripts/other.sh)"],
  },
];

describe("rule manifest-required", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await judge({ policy: policy(rule()), files: FILES, manifests: [], ...c.world, governance: { changedFiles: c.changed, ...c.world?.governance } });
      expect(r.problems).toEqual([]);
      expect(r.manifests).toEqual(c.judged);
      expect(r.findings.map((f) => `${f.messageId} @ ${f.location.file}:${f.location.line}:${f.location.column} (${f.manifest})`)).toEqual(c.findings);
      expect(r.verdict).toBe(c.findings.length > 0 ? "blocked" : "allowed");
    });
  }

  it("lists each governed script of the change with the manifests naming it", async () => {
    const r = await judge({ policy: policy(rule()), files: FILES, manifests: [], governance: { changedFiles: ["scripts/other.sh", "scripts/remove-app.sh", "tools/lint.sh"] } });
    expect(r.scripts).toEqual([
      { script: "scripts/other.sh", rules: ["scripts-need-manifests"], manifests: [] },
      { script: "scripts/remove-app.sh", rules: ["scripts-need-manifests"], manifests: ["ops/manifest.yaml"] },
    ]);
    expect(r.findings[0]!.message).toBe("scripts/other.sh is a governed script (scripts/**) and no manifest names it in metadata.scripts: add an Operation manifest for what it does");
  });

  it("takes no match", async () => {
    const r = await judge({ policy: policy(rule("hard-mandatory", "    match: { environment: production }\n")), files: FILES, manifests: [], governance: { changedFiles: ["scripts/other.sh"] } });
    expect(r.verdict).toBe("error");
    expect(r.problems.map((p) => `${p.location.file}:${p.location.line} ${p.message}`)).toEqual([
      "policies/policy.yaml:10 rule 'scripts-need-manifests' (manifest-required) is judged over the change, not per manifest: it takes no match (with.scripts selects what it governs)",
    ]);
  });

  it("an override of a soft-mandatory finding binds to the script's content", async () => {
    const CHANGED = "5555555555555555555555555555555555555555";
    const line = "blastgate override scripts-need-manifests: read-only script";
    const world = { policy: policy(rule("soft-mandatory")), files: FILES, manifests: [], commits: { [CHANGED]: { "scripts/other.sh": "#!/bin/sh\necho hi\n" } } };
    const same = await judge({ ...world, governance: { changedFiles: ["scripts/other.sh"], reviews: [review("dave", "APPROVED", line, SAME_SHA)] } });
    expect(same.overrides!.map((o) => [o.status, o.manifest])).toEqual([["accepted", "scripts/other.sh"]]);
    expect(same.digests!.map((d) => d.subject)).toEqual(["scripts/other.sh"]);
    expect(same.verdict).toBe("allowed");
    const changed = await judge({ ...world, governance: { changedFiles: ["scripts/other.sh"], reviews: [review("dave", "APPROVED", line, CHANGED)] } });
    expect(changed.overrides!.map((o) => o.refusal?.code)).toEqual(["stale"]);
    expect(changed.verdict).toBe("blocked");
  });
});
