import { RE2JS } from "re2js";
import type { Problem } from "../documents/problem.js";
import type { CatalogDocument, Validated } from "../documents/types.js";
import type { ParsedDocument } from "../documents/yaml.js";
import { parseDuration, parseRate } from "../documents/units.js";
import { printable } from "../documents/identifiers.js";
import { suggest } from "../documents/validate.js";
import { pointerOf, type SourceLocation } from "../documents/source.js";

export interface KindDefinition {
  name: string;
  /** The kind's identifier pattern (RE2: linear time, whatever the input). */
  pattern: { matches(input: string): boolean };
  patternText: string;
  parent?: string;
  products: string[];
  owner?: string;
  /** Objects restored per hour, measured in drills (`kinds.<kind>.restoreRate`), and as written. */
  restoreRatePerHour?: number;
  restoreRate?: string;
}

export interface ProductDefinition {
  name: string;
  rpoSeconds: number;
  restorePointSeconds: number;
  datastores: string[];
}

/** The inventory columns Blastgate reads; `environment`, `parent` and `protected` are optional. */
export const INVENTORY_FIELDS = ["id", "kind", "tenant", "customer", "environment", "parent", "protected"] as const;
export type InventoryField = (typeof INVENTORY_FIELDS)[number];

/** A live inventory in Postgres: a table (or a SELECT) and which of its columns holds each field. */
export interface PostgresInventorySource {
  type: "postgres";
  /** The environment variable holding the connection string (`url: env:NAME`), when the catalog names one. */
  urlVariable?: string;
  table?: string;
  query?: string;
  /** Field -> column; id, kind, tenant and customer are always mapped (to their own names by default). */
  columns: Partial<Record<InventoryField, string>> & Record<"id" | "kind" | "tenant" | "customer", string>;
  location: SourceLocation;
}

/** The inventory file a catalog names: a live inventory (Postgres) is not in the repository, so a change cannot touch it. */
export function inventoryFile(inventory: CatalogDocument["inventory"]): string | undefined {
  return typeof inventory === "string" ? inventory : undefined;
}

/** The platform team's description of what exists, compiled for lookups. */
export interface Catalog {
  source: ParsedDocument;
  environments?: string[];
  /** The inventory export in the repository (a file inventory). */
  inventoryPath?: string;
  /** A live inventory the run asks instead of a file. */
  inventoryDatabase?: PostgresInventorySource;
  kinds: Map<string, KindDefinition>;
  actions: Map<string, { name: string; target: string; destructive: boolean }>;
  products: Map<string, ProductDefinition>;
  locate(pointer: string): SourceLocation;
}

/** Compiles a validated Catalog: patterns with RE2 (linear time, whatever the pattern), references checked. */
export function compileCatalog({ doc, source }: Validated<CatalogDocument>): { catalog: Catalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (...path: (string | number)[]) => source.map.locate(pointerOf(path));
  const kinds = new Map<string, KindDefinition>();
  const products = new Map<string, ProductDefinition>();
  for (const [name, p] of Object.entries(doc.products ?? {})) {
    const rpo = parseDuration(p.rpo);
    const rp = parseDuration(p.restorePoint);
    if (!rpo.ok) problems.push({ code: "catalog", message: `products.${name}.rpo: ${rpo.reason}`, location: at("products", name, "rpo") });
    if (!rp.ok) problems.push({ code: "catalog", message: `products.${name}.restorePoint: ${rp.reason}`, location: at("products", name, "restorePoint") });
    products.set(name, { name, rpoSeconds: rpo.ok ? rpo.value : Infinity, restorePointSeconds: rp.ok ? rp.value : Infinity, datastores: p.datastores ?? [] });
  }
  for (const [name, k] of Object.entries(doc.kinds)) {
    let pattern: RE2JS;
    try {
      pattern = RE2JS.compile(k.identifier.pattern);
    } catch (e) {
      problems.push({
        code: "catalog",
        message: `kinds.${name}.identifier.pattern does not compile as an RE2 regular expression: ${(e as Error).message.replace(/^error parsing regexp: /, "")}`,
        location: at("kinds", name, "identifier", "pattern"),
      });
      pattern = RE2JS.compile("[^\\x00-\\x{10FFFF}]"); // matches nothing; the problem already fails the run
    }
    const def: KindDefinition = { name, pattern, patternText: k.identifier.pattern, products: k.products ?? [] };
    if (k.parent !== undefined) def.parent = k.parent;
    if (k.owner !== undefined) def.owner = k.owner;
    if (k.restoreRate !== undefined) {
      const rate = parseRate(k.restoreRate);
      if (rate.ok) {
        def.restoreRatePerHour = rate.value;
        def.restoreRate = k.restoreRate;
      } else problems.push({ code: "catalog", message: `kinds.${name}.restoreRate: ${rate.reason}`, location: at("kinds", name, "restoreRate") });
    }
    kinds.set(name, def);
    (k.products ?? []).forEach((p, i) => {
      if (!products.has(p)) problems.push({ code: "catalog", message: `kinds.${name}.products names '${p}', which is not defined under products`, location: at("kinds", name, "products", i) });
    });
  }
  for (const [name, k] of Object.entries(doc.kinds)) {
    if (k.parent !== undefined && !kinds.has(k.parent)) problems.push({ code: "catalog", message: `kinds.${name}.parent names '${k.parent}', which is not a kind in this catalog`, location: at("kinds", name, "parent") });
  }
  problems.push(...checkExamples(doc, kinds, at));
  const actions = new Map<string, { name: string; target: string; destructive: boolean }>();
  for (const [name, a] of Object.entries(doc.actions)) {
    actions.set(name, { name, target: a.target, destructive: a.destructive });
    if (!kinds.has(a.target)) problems.push({ code: "catalog", message: `actions.${name}.target names '${a.target}', which is not a kind in this catalog`, location: at("actions", name, "target") });
  }
  const catalog: Catalog = { source, kinds, actions, products, locate: (p) => source.map.locate(p) };
  if (doc.environments) catalog.environments = doc.environments;
  if (typeof doc.inventory === "string") catalog.inventoryPath = doc.inventory;
  else if (doc.inventory) {
    const compiled = compilePostgresSource(doc.inventory.postgres, at);
    problems.push(...compiled.problems);
    if (compiled.source) catalog.inventoryDatabase = compiled.source;
  }
  return { catalog, problems };
}

function compilePostgresSource(pg: NonNullable<Exclude<CatalogDocument["inventory"], string>>["postgres"], at: (...path: (string | number)[]) => SourceLocation): { source?: PostgresInventorySource; problems: Problem[] } {
  const problems: Problem[] = [];
  const location = at("inventory", "postgres");
  let urlVariable: string | undefined;
  if (pg.url !== undefined) {
    const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(pg.url);
    // Never echoed: a connection string written here would carry its password into the report.
    if (m) urlVariable = m[1]!;
    else
      problems.push({
        code: "catalog",
        message: "inventory.postgres.url must name an environment variable, as env:BLASTGATE_INVENTORY_URL: the connection string (and its password) comes from the environment or a secret, never from the repository",
        location: at("inventory", "postgres", "url"),
      });
  }
  if ((pg.table === undefined) === (pg.query === undefined)) {
    problems.push({
      code: "catalog",
      message: `inventory.postgres needs ${pg.table === undefined ? "either" : "only one of"} table (a table or view, as schema.name) ${pg.table === undefined ? "or" : "and"} query (a SELECT returning the mapped columns)`,
      location,
    });
  }
  const columns = { id: "id", kind: "kind", tenant: "tenant", customer: "customer", ...pg.columns };
  const byColumn = new Map<string, string>();
  for (const [field, column] of Object.entries(columns)) {
    const other = byColumn.get(column);
    if (other) problems.push({ code: "catalog", message: `inventory.postgres.columns maps both ${other} and ${field} to the column ${column}`, location: at("inventory", "postgres", "columns", field) });
    byColumn.set(column, field);
  }
  if (problems.length > 0) return { problems };
  const source: PostgresInventorySource = { type: "postgres", columns, location };
  if (urlVariable !== undefined) source.urlVariable = urlVariable;
  if (pg.table !== undefined) source.table = pg.table;
  if (pg.query !== undefined) source.query = pg.query;
  return { source, problems };
}

/**
 * Each kind's example identifiers must match its own pattern and no other kind's: two patterns that
 * accept the same identifier cannot tell the kinds apart (such identifiers resolve only through the inventory).
 */
function checkExamples(doc: CatalogDocument, kinds: Map<string, KindDefinition>, at: (...path: (string | number)[]) => SourceLocation): Problem[] {
  const problems: Problem[] = [];
  for (const [name, k] of Object.entries(doc.kinds)) {
    (k.identifier.examples ?? []).forEach((example, i) => {
      const where = at("kinds", name, "identifier", "examples", i);
      const own = kinds.get(name)!;
      if (!own.pattern.matches(example)) {
        problems.push({ code: "catalog", message: `kinds.${name}.identifier.examples: '${printable(example)}' does not match the kind's own pattern '${own.patternText}'`, location: where });
      }
      const others = [...kinds.values()].filter((o) => o.name !== name && o.pattern.matches(example)).map((o) => o.name);
      if (others.length > 0) {
        problems.push({
          code: "catalog",
          message: `kinds.${name}.identifier.examples: '${printable(example)}' also matches the pattern of ${others.map((o) => `'${o}'`).join(" and ")}: the patterns overlap, so an identifier like it cannot be told to be ${name} or ${others.join(" or ")}`,
          location: where,
        });
      }
    });
  }
  return problems;
}

/** What a policy rule's `match` names (a CompiledRule fits). */
export interface RuleMatch {
  id: string;
  location: SourceLocation;
  match: { environment?: string[]; action?: string[]; kind?: string[] };
}

/**
 * A rule's `match` must name what the catalog knows: a misspelt value would switch the rule off without a word.
 * A rule that matches on environment needs the catalog's `environments`: without that list a manifest could
 * name its environment any other way ('prd') and the rule would not apply to it.
 */
export function checkRuleMatches(catalog: Catalog, rules: readonly RuleMatch[]): Problem[] {
  const problems: Problem[] = [];
  const known = { environment: catalog.environments ?? [], action: [...catalog.actions.keys()], kind: [...catalog.kinds.keys()] };
  for (const rule of rules) {
    if (rule.match.environment && !catalog.environments) {
      problems.push({
        code: "policy",
        message: `rule '${rule.id}' matches on environment, but the catalog lists no environments: a manifest naming its environment differently would not be judged by it; add environments: [...] to the catalog`,
        location: rule.location,
      });
      continue;
    }
    for (const field of ["environment", "action", "kind"] as const) {
      for (const value of rule.match[field] ?? []) {
        if (known[field].includes(value)) continue;
        const hint = suggest(value, known[field]);
        problems.push({
          code: "policy",
          message: `rule '${rule.id}' matches ${field} '${printable(value)}', which the catalog does not know${hint ? ` (did you mean '${hint}'?)` : ""}: the rule would never apply; known: ${known[field].join(", ")}`,
          location: rule.location,
        });
      }
    }
  }
  return problems;
}

/** The kinds whose identifier pattern matches the whole identifier. */
export function kindsMatching(catalog: Catalog, id: string): string[] {
  const out: string[] = [];
  for (const k of catalog.kinds.values()) if (k.pattern.matches(id)) out.push(k.name);
  return out;
}
