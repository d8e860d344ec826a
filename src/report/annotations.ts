import type { Problem } from "../documents/problem.js";
import { statusOf } from "../governance/judge.js";
import type { Finding } from "../rules/types.js";

/** One workflow-command annotation (::error file=...,line=...,col=...::message). */
export interface Annotation {
  level: "error" | "warning" | "notice";
  title: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * GitHub shows at most 10 error and 10 warning annotations per step (50 per job) and drops the
 * rest without a word. Blastgate emits within those, most severe first, and says where the rest are.
 */
export const ANNOTATION_LIMITS = { error: 10, warning: 10 } as const;

export interface AnnotationInput {
  findings: readonly Finding[];
  problems: readonly Problem[];
  /** Blastgate could not decide for a reason tied to no file (an API failure). */
  failure?: string;
}

export interface Annotations {
  annotations: Annotation[];
  /** Findings and problems not annotated: they are in the job summary. */
  omitted: number;
}

const RANK = { "hard-mandatory": 1, "soft-mandatory": 2, advisory: 3, lifted: 4 } as const;

export function toAnnotations(input: AnnotationInput, limits: { error: number; warning: number } = ANNOTATION_LIMITS): Annotations {
  const all: { rank: number; key: string; a: Annotation }[] = [];
  if (input.failure) all.push({ rank: 0, key: "failure", a: { level: "error", title: "Blastgate could not decide", message: input.failure } });
  for (const p of input.problems) {
    all.push({ rank: 0, key: `${p.code}\0${place(p.location)}`, a: { level: "error", title: `Blastgate: input problem (${p.code})`, message: p.message, ...at(p.location) } });
  }
  for (const f of input.findings) {
    const status = statusOf(f);
    if (status === "overridden" || status === "waived") {
      // Lifted: it blocks nothing, so it is a notice that says by whom and why, never an error.
      const by =
        status === "overridden"
          ? f.override
            ? `overridden by ${f.override.by}: ${f.override.reason}`
            : "overridden"
          : f.waiver
            ? `waived by waiver ${f.waiver.name} (owner ${f.waiver.owner}, until ${f.waiver.expires}): ${f.waiver.reason}`
            : "waived";
      all.push({ rank: RANK.lifted, key: `${f.ruleId}\0${place(f.location)}`, a: { level: "notice", title: `Blastgate: ${f.ruleId} (${f.enforcement}, ${status})`, message: `${f.message} (${by})`, ...at(f.location) } });
      continue;
    }
    all.push({ rank: RANK[f.enforcement], key: `${f.ruleId}\0${place(f.location)}`, a: { level: f.severity === "error" ? "error" : "warning", title: `Blastgate: ${f.ruleId} (${f.enforcement})`, message: f.message, ...at(f.location) } });
  }
  // Most severe first; within a rank, one annotation per (rule, location) before any repeat, so ten
  // findings of one rule on one line cannot crowd out another hard-mandatory finding. Otherwise stable:
  // the engine's order (manifest, file, line) is kept.
  const seen = new Set<string>();
  const repeat = all.map(({ key }) => (seen.has(key) ? 1 : (seen.add(key), 0)));
  const order = all.map((_, i) => i).sort((i, j) => all[i]!.rank - all[j]!.rank || repeat[i]! - repeat[j]! || i - j);
  const used = { error: 0, warning: 0 };
  const annotations: Annotation[] = [];
  let omitted = 0;
  for (const { a } of order.map((i) => all[i]!)) {
    const level = a.level === "notice" ? "warning" : a.level;
    if (used[level] < limits[level]) {
      used[level]++;
      annotations.push(a);
    } else omitted++;
  }
  if (omitted > 0) {
    annotations.push({
      level: "notice",
      title: "Blastgate: more findings",
      message: `+${omitted} more finding${omitted === 1 ? "" : "s"} not annotated (GitHub shows ${limits.error} errors and ${limits.warning} warnings per step): see the job summary`,
    });
  }
  return { annotations, omitted };
}

function place(l: { file: string; line: number; column: number }): string {
  return `${l.file}:${l.line}:${l.column}`;
}

function at(l: { file: string; line: number; column: number }): Pick<Annotation, "file" | "line" | "column"> {
  return { file: l.file, line: l.line, column: l.column };
}
