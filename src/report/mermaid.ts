import { formatDuration, grouped } from "../documents/units.js";
import { plural, type Plan } from "../measure/plan.js";
import type { Finding } from "../rules/types.js";
import { mermaidLabel } from "./escape.js";

/**
 * One picture of a plan: its facts as plain text lines (the source of truth, for screen readers and the
 * terminal) and the same facts as a Mermaid diagram (what GitHub draws in a comment or a job summary).
 * Facts are unescaped text for the caller to escape for its medium; the diagram is ready to emit.
 */
export interface PlanPicture {
  title: string;
  facts: string[];
  mermaid: string;
}

/** The rollout, what is destroyed and (when products share an object) their restore points: the pictures of one plan. */
export function planPictures(plan: Plan, findings: readonly Finding[]): PlanPicture[] {
  const own = findings.filter((f) => f.manifest === plan.manifest);
  const pictures = [rollout(plan, own), destroyed(plan)];
  if (plan.coResident.length > 0) pictures.push(restorePoints(plan));
  return pictures;
}

const label = (parts: readonly string[]) => `"${parts.map(mermaidLabel).join("<br/>")}"`;

/** "0.1%", "<0.1%", "100%": a share a reviewer compares at a glance, never rounded to 0 or 100 when it is not. */
function percent(part: number, whole: number): string {
  if (whole <= 0) return "0%";
  const p = (part / whole) * 100;
  if (p > 0 && p < 0.1) return "<0.1%";
  if (p < 100 && p > 99.9) return ">99.9%";
  return `${Math.round(p * 10) / 10}%`;
}

/** What a finding says about one stage, in a few words (the full message is in the findings table). */
interface StageMark {
  stage: number;
  words: string;
}

function stageMarks(plan: Plan, findings: readonly Finding[]): StageMark[] {
  const marks: StageMark[] = [];
  // A stage named in the evidence, else the first (a run without stages is one stage).
  const stageOf = (name: unknown) =>
    Math.max(
      0,
      plan.stages.findIndex((s) => s.name === name),
    );
  for (const f of findings) {
    const e = f.evidence;
    let words: string | undefined;
    if (f.messageId === "unstaged") words = `one stage: runs over ${grouped(Number(e.requireStagesAbove))} must be staged`;
    else if (f.messageId === "maxFirstStage") words = `too large a canary: at most ${grouped(Number(e.max))}`;
    else if (f.messageId === "maxPerStage") words = `too large a stage: at most ${grouped(Number(e.max))}`;
    else if (f.messageId === "minBake") {
      const bake = Number(e.bakeSeconds);
      const min = formatDuration(Number(e.minBakeSeconds));
      words = bake > 0 ? `bake too short: ${formatDuration(bake)}, at least ${min}` : `no bake: at least ${min}`;
    }
    if (words !== undefined) marks.push({ stage: f.messageId === "maxFirstStage" || f.messageId === "unstaged" ? 0 : stageOf(e.stage), words: `${words} (${f.ruleId})` });
  }
  return marks;
}

/** The kind word for counts: the one kind the identifiers are, else "target". */
function unitOf(plan: Plan): string {
  const kinds = Object.keys(plan.byKind);
  return kinds.length === 1 && plan.unresolved === 0 && plan.ambiguous === 0 ? kinds[0]! : "target";
}

function rollout(plan: Plan, findings: readonly Finding[]): PlanPicture {
  const unit = unitOf(plan);
  const stages = plan.stages.length > 0 ? plan.stages : [{ name: "the whole run", size: plan.targets }];
  const marks = stageMarks(plan, findings);
  const facts: string[] = [];
  const lines = ["flowchart LR"];
  stages.forEach((s, i) => {
    const mine = marks.filter((m) => m.stage === i).map((m) => `⛔ ${m.words}`);
    const share = percent(s.size, plan.targets);
    lines.push(`  s${i}[${label([`${i + 1}. ${s.name}`, `${plural(s.size, unit)} (${share})`, ...mine])}]`);
    if (mine.length > 0) lines.push(`  class s${i} finding`);
    let fact = `Stage ${i + 1} of ${stages.length}, ${s.name}: ${plural(s.size, unit)} (${share} of ${grouped(plan.targets)})${plan.stages.length === 0 ? " (no staged rollout)" : ""}`;
    if (i < stages.length - 1) {
      const bake = "bakeSeconds" in s && s.bakeSeconds ? `bake ${formatDuration(s.bakeSeconds, "exact")}` : "no bake";
      lines.push(`  s${i} -->|${label([bake])}| s${i + 1}`);
      fact += `, then ${bake}`;
    }
    if (mine.length > 0)
      fact += `; ${marks
        .filter((m) => m.stage === i)
        .map((m) => m.words)
        .join("; ")}`;
    facts.push(fact);
  });
  lines.push("  classDef finding fill:#ffebe9,stroke:#cf222e,stroke-width:3px");
  return { title: "Rollout", facts, mermaid: lines.join("\n") };
}

function destroyed(plan: Plan): PlanPicture {
  const lines = ["flowchart LR", `  declared[${label([`declared: ${plan.declaredKind}`])}]`];
  const resolved = Object.entries(plan.byKind).map(([k, c]) => plural(c, k));
  if (plan.unresolved) resolved.push(`${plural(plan.unresolved, "identifier")} of unknown kind`);
  if (plan.ambiguous) resolved.push(`${plural(plan.ambiguous, "identifier")} of ambiguous kind`);
  const facts = [`Declared: ${plan.declaredKind}; resolved: ${resolved.length ? resolved.join(", ") : "nothing"}`];
  resolved.forEach((r, i) => lines.push(`  declared -->|"resolves to"| k${i}[${label([`resolved: ${r}`])}]`));
  const inside = Object.entries(plan.contained.byKind).map(([k, c]) => plural(c, k));
  if (inside.length > 0) {
    lines.push(`  inside[${label(["inside the targets", ...inside])}]`);
    resolved.forEach((_, i) => lines.push(`  k${i} -->|"contains"| inside`));
    facts.push(`Inside the targets (destroyed with them): ${inside.join(", ")}`);
  }
  const from = inside.length > 0 ? ["inside", ...resolved.map((_, i) => `k${i}`)] : resolved.map((_, i) => `k${i}`);
  if (plan.products.length > 0) {
    lines.push(`  subgraph products[${label([`${plural(plan.products.length, "product")} touched`])}]`);
    plan.products.forEach((p, i) => lines.push(`    p${i}[${label([p])}]`));
    lines.push("  end");
    for (const f of from) lines.push(`  ${f} -->|"touches"| products`);
    facts.push(`Products touched: ${plan.products.join(", ")}`);
  }
  if (plan.datastores.length > 0) {
    lines.push(`  subgraph datastores[${label([plural(plan.datastores.length, "datastore")])}]`);
    plan.datastores.forEach((d, i) => lines.push(`    d${i}[${label([d])}]`));
    lines.push("  end");
    if (plan.products.length > 0) lines.push(`  products -->|"stored in"| datastores`);
    facts.push(`Datastores: ${plan.datastores.join(", ")}`);
  }
  const mismatch = Object.keys(plan.byKind).some((k) => k !== plan.declaredKind);
  if (mismatch) lines.push("  class declared finding", "  classDef finding fill:#ffebe9,stroke:#cf222e,stroke-width:3px");
  return { title: "What is destroyed", facts, mermaid: lines.join("\n") };
}

/**
 * Gantt on the real clock (the check's time): each product's restore point as a milestone, the actual
 * spread as a bar (red when over the limit) and the allowed spread as a band ending at the newest point.
 */
function restorePoints(plan: Plan): PlanPicture {
  const now = Math.floor(Date.parse(plan.measuredAt) / 1000);
  const allowed = plan.limits.maxSpreadSeconds;
  const lines = ["gantt", `  title ${mermaidLabel("Restore points of co-resident products, counted back from the check")}`, "  dateFormat X", "  axisFormat %H:%M"];
  const facts: string[] = [];
  plan.coResident.forEach((group, g) => {
    const points = group.products.map((p) => p.restorePointSeconds);
    const newest = Math.min(...points);
    const spread = Math.max(...points) - newest;
    const over = allowed !== undefined && spread > allowed;
    lines.push(`  section ${mermaidLabel(`in one ${group.kind}`)}`);
    group.products.forEach((p, i) => lines.push(`  ${mermaidLabel(`${p.name}: ${formatDuration(p.restorePointSeconds, "exact")} back`)} :milestone, g${g}p${i}, ${now - p.restorePointSeconds}, 0s`));
    const spreadWords = `spread ${formatDuration(spread, "exact")}`;
    lines.push(`  ${mermaidLabel(spreadWords)} :${over ? "crit" : "done"}, g${g}spread, ${now - newest - spread}, ${now - newest}`);
    if (allowed !== undefined) {
      const allowedWords = `allowed spread ${formatDuration(allowed, "exact")}`;
      lines.push(allowed > 0 ? `  ${mermaidLabel(allowedWords)} :active, g${g}allowed, ${now - newest - allowed}, ${now - newest}` : `  ${mermaidLabel(allowedWords)} :milestone, g${g}allowed, ${now - newest}, 0s`);
    }
    const each = group.products.map((p) => `${p.name} ${formatDuration(p.restorePointSeconds, "exact")}`).join(", ");
    const limit = allowed === undefined ? "no policy limits the spread" : `the policy allows ${formatDuration(allowed, "exact")}${over ? ", so they are out of step" : ""}`;
    facts.push(`Restore points of the products in one ${group.kind}, counted back from the check: ${each}; spread ${formatDuration(spread, "exact")}; ${limit}`);
  });
  return { title: "Restore points", facts, mermaid: lines.join("\n") };
}
