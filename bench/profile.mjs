// Summarizes a V8 CPU profile (node --cpu-prof): self time per function, and total (inclusive) time
// of the functions that matter most, so a profile can be quoted in docs/performance.md.
//   node bench/profile.mjs <file.cpuprofile> [--top 25] [--lines functionName]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" }, lines: { type: "string" } } });
const profile = JSON.parse(readFileSync(positionals[0], "utf8"));
const top = Number(values.top);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample i lasted timeDeltas[i + 1] (the delta is recorded at the next sample).
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = deltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const label = (n) => {
  const f = n.callFrame;
  const file = f.url ? f.url.replace(/^.*\//, "") : "";
  return `${f.functionName || "(anonymous)"}${file ? ` ${file}:${f.lineNumber + 1}` : ""}`;
};

const self = new Map();
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  const key = label(n);
  self.set(key, (self.get(key) ?? 0) + us);
  // Count each function once per stack, however deep it recurses.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}

const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms\n\nself time:`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
console.log(`\ninclusive time:`);
for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);

if (values.lines) {
  // Samples per source line of one function (V8 records them as positionTicks).
  const lines = new Map();
  for (const n of profile.nodes) {
    if (n.callFrame.functionName !== values.lines) continue;
    for (const t of n.positionTicks ?? []) {
      const key = `${n.callFrame.url.replace(/^.*\//, "")}:${t.line}`;
      lines.set(key, (lines.get(key) ?? 0) + t.ticks);
    }
  }
  const sum = [...lines.values()].reduce((a, b) => a + b, 0);
  console.log(`\nsamples by line in ${values.lines}:`);
  for (const [k, n] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * n) / sum).toFixed(1).padStart(5)}%  ${k}`);
}
