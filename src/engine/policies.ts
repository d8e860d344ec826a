import { minimatch } from "minimatch";
import { DEFAULT_LIMITS, type Limits } from "../documents/limits.js";
import type { Problem } from "../documents/problem.js";
import { pointerOf, type SourceLocation } from "../documents/source.js";
import type { PolicyDocument, Validated } from "../documents/types.js";
import { DURATION_PATTERN, parseDuration } from "../documents/units.js";
import { suggest, validateValue } from "../documents/validate.js";
import type { ParsedDocument } from "../documents/yaml.js";
import { RULES } from "../rules/index.js";
import type { CompiledRule, ManifestInput } from "../rules/types.js";

/** The strictest `waivers.maxExpiry` of the Policies, and where it is set. */
export interface WaiverCap {
  seconds: number;
  location: SourceLocation;
}

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Checks every rule's type and options (each against its type's own schema) and merges limits. */
/**
 * The `with:` problems of a Policy that failed its own schema (a misspelt `enforcement`, say), for each rule
 * whose type is known: reported with the schema's problems, so the author fixes all of them in one round.
 */
export function unvalidatedRuleOptionProblems(value: unknown, source: ParsedDocument): Problem[] {
  const rules = (value as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown, i) => {
    const r = rule as { id?: unknown; type?: unknown; with?: unknown } | null;
    const module = typeof r?.type === "string" ? RULES.get(r.type) : undefined;
    if (!module || (r!.with !== undefined && (typeof r!.with !== "object" || r!.with === null || Array.isArray(r!.with)))) return [];
    const id = typeof r!.id === "string" ? r!.id : `#${i + 1}`;
    return validateValue(module.meta.schema, structuredClone(r!.with ?? {}), source, pointerOf(["rules", i, "with"]), `rule '${id}' (${module.meta.type})`).problems;
  });
}

export function compilePolicies(policies: Validated<PolicyDocument>[]): { rules: CompiledRule[]; limits: Limits; problems: Problem[]; waiverCap?: WaiverCap } {
  const problems: Problem[] = [];
  const rules: CompiledRule[] = [];
  const limits: Limits = { ...DEFAULT_LIMITS };
  const setLimits = new Set<keyof Limits>();
  const seen = new Map<string, SourceLocation>();
  let waiverCap: WaiverCap | undefined;
  for (const { doc, source } of policies) {
    const at = (...path: (string | number)[]) => source.map.locate(pointerOf(path));
    if (doc.waivers?.maxExpiry !== undefined) {
      const d = parseDuration(doc.waivers.maxExpiry);
      if (!d.ok) problems.push({ code: "policy", message: `waivers.maxExpiry: ${d.reason}`, location: at("waivers", "maxExpiry") });
      else if (!waiverCap || d.value < waiverCap.seconds) waiverCap = { seconds: d.value, location: at("waivers", "maxExpiry") };
    }
    // Several policies may set limits: the strictest wins.
    for (const [k, v] of Object.entries(doc.limits ?? {})) {
      const key = k as keyof Limits;
      if (key === "inventoryTimeout" && typeof v === "string") {
        const d = parseDuration(v);
        if (!d.ok || d.value <= 0) {
          problems.push({ code: "policy", message: `limits.inventoryTimeout: ${d.ok ? "must be longer than 0s" : d.reason}`, location: at("limits", "inventoryTimeout") });
          continue;
        }
        limits[key] = setLimits.has(key) ? Math.min(limits[key], d.value) : d.value;
      } else if (typeof v === "number") limits[key] = setLimits.has(key) ? Math.min(limits[key], v) : v;
      setLimits.add(key);
    }
    doc.rules.forEach((rule, i) => {
      const location = at("rules", i, "id");
      const earlier = seen.get(rule.id);
      if (earlier) {
        problems.push({ code: "policy", message: `rule id '${rule.id}' is used twice (first at ${earlier.file}:${earlier.line})`, location });
        return;
      }
      seen.set(rule.id, location);
      const module = RULES.get(rule.type);
      if (!module) {
        const hint = suggest(rule.type, [...RULES.keys()]);
        problems.push({
          code: "policy",
          message: `rule '${rule.id}' has type '${rule.type}', which is not a rule type (${hint ? `did you mean '${hint}'? ` : ""}known: ${[...RULES.keys()].join(", ")})`,
          location: at("rules", i, "type"),
        });
        return;
      }
      const raw = structuredClone(rule.with ?? {});
      const checked = validateValue(module.meta.schema, raw, source, pointerOf(["rules", i, "with"]), `rule '${rule.id}' (${rule.type})`);
      problems.push(...checked.problems);
      if (checked.problems.length > 0) return;
      const options = withDefaults(module.meta.schema, checked.value as Record<string, unknown>);
      let ok = true;
      const optionProblem = module.checkOptions?.(options);
      if (optionProblem) {
        problems.push({ code: "policy", message: `rule '${rule.id}' (${rule.type}): with.${optionProblem.option}: ${optionProblem.message}`, location: at("rules", i, "with", optionProblem.option) });
        ok = false;
      }
      for (const [name, prop] of Object.entries((module.meta.schema as { properties?: Record<string, { pattern?: string }> }).properties ?? {})) {
        if (prop.pattern === DURATION_PATTERN && typeof options[name] === "string") {
          const d = parseDuration(options[name]);
          if (!d.ok) {
            problems.push({ code: "policy", message: `rule '${rule.id}': with.${name}: ${d.reason}`, location: at("rules", i, "with", name) });
            ok = false;
          }
        }
      }
      if (!ok) return;
      if (module.checkChanges && rule.match !== undefined) {
        problems.push({ code: "policy", message: `rule '${rule.id}' (${rule.type}) is judged over the change, not per manifest: it takes no match (with.scripts selects what it governs)`, location: at("rules", i, "match") });
        return;
      }
      const match: CompiledRule["match"] = {};
      for (const key of ["environment", "action", "kind", "paths"] as const) {
        const l = list(rule.match?.[key]);
        if (l) match[key] = l;
      }
      const overriders = rule.overrideTeams !== undefined || rule.overrideUsers !== undefined ? rule : doc;
      const overrideTeams = (overriders.overrideTeams ?? []).map((t) => t.toLowerCase());
      const overrideUsers = overriders.overrideUsers ?? [];
      rules.push({ id: rule.id, type: rule.type, enforcement: rule.enforcement, module, options, match, location, overrideTeams, overrideUsers, ...(rule.description !== undefined ? { description: rule.description } : {}) });
    });
  }
  return waiverCap ? { rules, limits, problems, waiverCap } : { rules, limits, problems };
}

function withDefaults(schema: object, value: Record<string, unknown>): Record<string, unknown> {
  const out = { ...value };
  for (const [k, p] of Object.entries((schema as { properties?: Record<string, { default?: unknown }> }).properties ?? {})) {
    if (out[k] === undefined && p.default !== undefined) out[k] = p.default;
  }
  return out;
}

/** Whether a rule applies to a manifest: every `match` field given must hold. */
/** `kind` matches the declared kind or any kind the identifiers really resolve to: a wrong declaration cannot dodge a rule. */
export function ruleApplies(rule: CompiledRule, m: ManifestInput, resolvedKinds: Iterable<string>): boolean {
  const spec = m.doc.spec;
  const { environment, action, kind, paths } = rule.match;
  if (environment && !environment.includes(spec.environment)) return false;
  if (action && !action.includes(spec.action)) return false;
  if (kind && !kind.includes(spec.target.kind) && ![...resolvedKinds].some((k) => kind.includes(k))) return false;
  if (paths && !paths.some((g) => minimatch(m.file, g, { dot: true }))) return false;
  return true;
}
