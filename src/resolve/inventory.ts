import type { Problem } from "../documents/problem.js";

/** One real object, as the inventory export describes it. */
export interface InventoryObject {
  id: string;
  kind: string;
  tenant: string;
  customer: string;
  environment?: string;
  parent?: string;
  protected: boolean;
}

/**
 * The inventory held by column: strings that repeat (kind, tenant, customer, environment) are stored
 * once, so a million rows cost a map entry and a few small integers each.
 */
export class Inventory {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly kinds: number[] = [];
  private readonly tenants: number[] = [];
  private readonly customers: number[] = [];
  private readonly environments: number[] = [];
  private readonly parents: (string | undefined)[] = [];
  private readonly protectedRows = new Set<number>();
  private readonly strings: string[] = [""];
  private readonly stringIds = new Map<string, number>([["", 0]]);
  private readonly kindCounts = new Map<string, number>();
  private children: Map<string, number[]> | undefined;
  private hasParents = false;

  constructor(readonly file: string) {}

  get size(): number {
    return this.ids.length;
  }

  /** Adds a row; returns false when the id is already present. */
  add(o: InventoryObject): boolean {
    if (this.index.has(o.id)) return false;
    const row = this.ids.length;
    this.index.set(o.id, row);
    this.ids.push(o.id);
    this.kinds.push(this.intern(o.kind));
    this.tenants.push(this.intern(o.tenant));
    this.customers.push(this.intern(o.customer));
    this.environments.push(this.intern(o.environment ?? ""));
    this.parents.push(o.parent || undefined);
    if (o.parent) this.hasParents = true;
    if (o.protected) this.protectedRows.add(row);
    this.kindCounts.set(o.kind, (this.kindCounts.get(o.kind) ?? 0) + 1);
    this.children = undefined;
    return true;
  }

  row(id: string): number | undefined {
    return this.index.get(id);
  }

  get(id: string): InventoryObject | undefined {
    const r = this.index.get(id);
    return r === undefined ? undefined : this.at(r);
  }

  at(r: number): InventoryObject {
    const env = this.strings[this.environments[r]!];
    const o: InventoryObject = {
      id: this.ids[r]!,
      kind: this.strings[this.kinds[r]!]!,
      tenant: this.strings[this.tenants[r]!]!,
      customer: this.strings[this.customers[r]!]!,
      protected: this.protectedRows.has(r),
    };
    if (env) o.environment = env;
    const parent = this.parents[r];
    if (parent) o.parent = parent;
    return o;
  }

  kindOf(r: number): string {
    return this.strings[this.kinds[r]!]!;
  }
  tenantKey(r: number): number {
    return this.tenants[r]!;
  }
  customerKey(r: number): number {
    return this.customers[r]!;
  }
  environmentOf(r: number): string | undefined {
    return this.strings[this.environments[r]!] || undefined;
  }
  isProtected(r: number): boolean {
    return this.protectedRows.has(r);
  }

  countOfKind(kind: string): number {
    return this.kindCounts.get(kind) ?? 0;
  }

  environmentNames(): Set<string> {
    const out = new Set<string>();
    for (const e of new Set(this.environments)) if (this.strings[e]) out.add(this.strings[e]!);
    return out;
  }

  /** Every object inside the given rows (children, their children, ...), not counting the rows themselves. */
  containedIn(rows: Iterable<number>): number[] {
    if (!this.hasParents) return [];
    if (!this.children) {
      this.children = new Map();
      for (let r = 0; r < this.parents.length; r++) {
        const p = this.parents[r];
        if (p === undefined) continue;
        const list = this.children.get(p);
        if (list) list.push(r);
        else this.children.set(p, [r]);
      }
    }
    const seen = new Set<number>(rows);
    const out: number[] = [];
    const queue = [...seen];
    while (queue.length > 0) {
      const r = queue.pop()!;
      for (const c of this.children.get(this.ids[r]!) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        out.push(c);
        queue.push(c);
      }
    }
    return out;
  }

  private intern(s: string): number {
    let n = this.stringIds.get(s);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, n);
    }
    return n;
  }
}

const FIELDS = ["id", "kind", "tenant", "customer", "environment", "parent", "protected"] as const;
const REQUIRED = ["id", "kind", "tenant", "customer"] as const;

/**
 * Reads an NDJSON or CSV inventory export a chunk at a time. Pure: the caller reads the file.
 * Format is chosen by the file name (.csv, else NDJSON).
 */
export class InventoryParser {
  readonly inventory: Inventory;
  private readonly problems: Problem[] = [];
  private readonly csv: boolean;
  private header: string[] | undefined;
  private rest = "";
  private lineNo = 0;
  private bad = 0;
  private duplicates = 0;

  constructor(readonly file: string) {
    this.inventory = new Inventory(file);
    this.csv = /\.csv$/i.test(file);
  }

  push(chunk: string): void {
    if (this.lineNo === 0 && this.rest === "" && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    const text = this.rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      this.line(text.slice(start, text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  end(): { inventory: Inventory; problems: Problem[] } {
    if (this.rest.trim().length > 0) this.line(this.rest.replace(/\r$/, ""));
    this.rest = "";
    if (this.bad > 5) this.problem(`${this.bad - 5} more malformed inventory rows`, 1);
    if (this.duplicates > 3) this.problem(`${this.duplicates - 3} more duplicate ids in the inventory`, 1);
    if (this.csv && !this.header) this.problem(`inventory ${this.file} is empty: it needs a header row (id,kind,tenant,customer,...)`, 1);
    return { inventory: this.inventory, problems: this.problems };
  }

  private line(text: string): void {
    this.lineNo++;
    if (text.trim() === "") return;
    let record: Record<string, unknown> | undefined;
    if (this.csv) {
      const cells = splitCsvLine(text);
      if (!cells) return this.malformed("unbalanced quotes");
      if (!this.header) {
        this.header = cells.map((c) => c.trim());
        const missing = REQUIRED.filter((f) => !this.header!.includes(f));
        if (missing.length) this.problem(`inventory header lacks the column(s) ${missing.join(", ")} (it needs id, kind, tenant, customer; optional environment, parent, protected)`, this.lineNo);
        return;
      }
      if (cells.length !== this.header.length) return this.malformed(`${cells.length} columns where the header has ${this.header.length}`);
      record = {};
      this.header.forEach((h, i) => {
        if ((FIELDS as readonly string[]).includes(h)) record![h] = h === "protected" ? /^(true|1|yes)$/i.test(cells[i]!.trim()) : cells[i];
      });
    } else {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return this.malformed("not a JSON object");
        record = parsed as Record<string, unknown>;
      } catch {
        return this.malformed("not valid JSON");
      }
    }
    for (const f of REQUIRED) {
      const v = record[f];
      if (typeof v !== "string" && typeof v !== "number") return this.malformed(`field '${f}' is missing`);
      if (v === "") return this.malformed(`field '${f}' is empty`);
    }
    const prot = record.protected;
    if (prot !== undefined && typeof prot !== "boolean") return this.malformed("'protected' must be true or false");
    const o: InventoryObject = {
      id: String(record.id),
      kind: String(record.kind),
      tenant: String(record.tenant),
      customer: String(record.customer),
      protected: prot === true,
    };
    if (typeof record.environment === "string" && record.environment) o.environment = record.environment;
    if ((typeof record.parent === "string" || typeof record.parent === "number") && record.parent !== "") o.parent = String(record.parent);
    if (!this.inventory.add(o) && ++this.duplicates <= 3) this.problem(`duplicate id '${o.id}' in the inventory`, this.lineNo);
  }

  private malformed(why: string): void {
    if (++this.bad <= 5) this.problem(`malformed inventory row: ${why}`, this.lineNo);
  }

  private problem(message: string, line: number): void {
    this.problems.push({ code: "inventory", message, location: { file: this.file, line, column: 1 } });
  }
}

/** RFC 4180 fields of one line; undefined when a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  if (line.indexOf('"') < 0) return line.split(",");
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
      if (i >= line.length) return out;
      if (line[i] !== ",") return undefined;
      i++;
    } else {
      const c = line.indexOf(",", i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}
