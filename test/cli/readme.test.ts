import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { makeRepo, PROJECT, runCli, runJson } from "../support/repo.js";

/** The README's YAML blocks that are whole Blastgate documents, by kind. */
function readmeDocuments(): Map<string, string[]> {
  const readme = readFileSync(path.join(PROJECT, "README.md"), "utf8");
  const byKind = new Map<string, string[]>();
  for (const m of readme.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```$/gm)) {
    const text = m[2]!.replace(new RegExp(`^${m[1]}`, "gm"), "");
    const doc = parse(text) as { apiVersion?: string; kind?: string } | null;
    if (doc?.apiVersion !== "blastgate.dev/v1" || !doc.kind) continue;
    byKind.set(doc.kind, [...(byKind.get(doc.kind) ?? []), text]);
  }
  return byKind;
}

const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the README's examples, as written", () => {
  it("the Operation example, run against examples/, is allowed; so is it under the Policy example with the examples' catalog", () => {
    const docs = readmeDocuments();
    expect(docs.get("Operation")).toHaveLength(1);
    expect(docs.get("Policy")).toHaveLength(1);
    const catalog = readFileSync(path.join(PROJECT, "examples/policies/catalog.yaml"), "utf8");
    const root = makeRepo({ "manifests/readme.yaml": docs.get("Operation")![0]!, "readme-policies/catalog.yaml": catalog, "readme-policies/policy.yaml": docs.get("Policy")![0]! }, path.join(PROJECT, "examples"));
    made.push(root);

    // Against the starter pack of examples/.
    const { code, report } = runJson(["check", "manifests/readme.yaml", "--root", root, "--now", "2026-11-24"], root);
    expect(report.problems).toEqual([]);
    // Only the sign-off the starter pack's advisory intent-sign-off asks for: no reviews are given here.
    expect(report.findings.map((f) => `${f.ruleId} (${f.enforcement}): ${f.message}`)).toEqual([
      "intent-sign-off (advisory): the requesting and owning team example-org/ecosystem has 0 of 1 approval of this manifest as it is at head",
      "intent-sign-off (advisory): the executing team example-org/site-platform has 0 of 1 approval of this manifest as it is at head",
    ]);
    expect(report.verdict).toBe("allowed");
    expect(code).toBe(0);
    // The stage sizes the README's comments promise.
    expect(report.plans[0]!.stages.map((s: { size: number }) => s.size)).toEqual([9, 433, 441]);

    // The README's Policy, with the examples' catalog: it loads, and the Operation passes it too.
    const second = runJson(["check", "manifests/readme.yaml", "--root", root, "--policies", "readme-policies", "--now", "2026-11-24"], root);
    expect(second.report.problems).toEqual([]);
    expect(second.report.verdict).toBe("allowed");
  });

  it("the Catalog example loads as written (every product its kinds name is defined), and judges the Operation example with the Policy example", () => {
    const docs = readmeDocuments();
    expect(docs.get("Catalog")).toHaveLength(1);
    const root = makeRepo({ "manifests/readme.yaml": docs.get("Operation")![0]!, "readme-policies/catalog.yaml": docs.get("Catalog")![0]!, "readme-policies/policy.yaml": docs.get("Policy")![0]! }, path.join(PROJECT, "examples"));
    made.push(root);
    const { code, report } = runJson(["check", "manifests/readme.yaml", "--root", root, "--policies", "readme-policies", "--now", "2026-11-24"], root);
    expect(report.problems).toEqual([]);
    expect(report.verdict).toBe("allowed");
    expect(code).toBe(0);
  });
  it("runs every README block that is a whole Blastgate document: a new kind of example needs a test here", () => {
    expect([...readmeDocuments().keys()].sort()).toEqual(["Catalog", "Operation", "Policy", "PolicyTest", "Waiver"]);
  });

  it("the PolicyTest example passes against the examples' starter pack, as written", () => {
    const docs = readmeDocuments();
    expect(docs.get("PolicyTest")).toHaveLength(1);
    const root = makeRepo({ "policies/tests/readme.yaml": docs.get("PolicyTest")![0]! }, path.join(PROJECT, "examples"));
    made.push(root);
    const r = runCli(["test"], root);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("PASSED: 1 of 1 cases passed");
    expect(r.code).toBe(0);
  });

  it("the PolicyTest example, in an init repository, passes once one-restore-point is dropped from rules, as the README says", () => {
    const readme = readFileSync(path.join(PROJECT, "README.md"), "utf8");
    expect(readme).toContain("`one-restore-point`\ndoes not fire: drop it from `rules` there.");
    const root = makeRepo({});
    made.push(root);
    expect(runCli(["init"], root).code).toBe(0);
    const example = readmeDocuments().get("PolicyTest")![0]!;
    const edited = example.replace("recoverable, one-restore-point, intent-sign-off", "recoverable, intent-sign-off");
    expect(edited).not.toBe(example);
    const repo = makeRepo({ "policies/tests/readme.yaml": edited }, root);
    made.push(repo);
    const r = runCli(["test", "policies/tests/readme.yaml"], repo);
    expect(r.stdout).toContain("PASSED: 1 of 1 cases passed");
    expect(r.code).toBe(0);
  });

  it("the Waiver example, among the examples' policies, waives what it names on the legacy manifest", () => {
    const docs = readmeDocuments();
    expect(docs.get("Waiver")).toHaveLength(1);
    const root = makeRepo({ "policies/waiver.yaml": docs.get("Waiver")![0]! }, path.join(PROJECT, "examples"));
    made.push(root);
    const report: any = runJson(["check", "manifests/remove-insight-legacy.yaml", "--now", "2026-11-24"], root).report;
    expect(report.problems).toEqual([]);
    expect(report.waivers.map((w: { name: string; status: string }) => `${w.name}: ${w.status}`)).toEqual(["legacy-restore-points: applied"]);
    expect(report.findings.filter((f: { status: string }) => f.status === "waived").map((f: { ruleId: string }) => f.ruleId)).toEqual(["one-restore-point"]);
  });

  it("the workflow example is a workflow whose Blastgate step sets only inputs action.yml declares", () => {
    const readme = readFileSync(path.join(PROJECT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/^```yaml\n(# \.github\/workflows\/[\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const workflow = parse(blocks[0]!) as { on: Record<string, unknown>; jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    expect(Object.keys(workflow.on)).toContain("pull_request");
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const step = steps.find((s) => s.uses?.startsWith("blastgate/blastgate@"));
    expect(step?.uses).toBe("blastgate/blastgate@v0");
    const inputs = Object.keys((parse(readFileSync(path.join(PROJECT, "action.yml"), "utf8")) as { inputs: Record<string, unknown> }).inputs);
    expect(Object.keys(step!.with ?? {}).filter((k) => !inputs.includes(k))).toEqual([]);
  });
});
