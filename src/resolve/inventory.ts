import { printable } from "../documents/identifiers.js";
import { LineSplitter } from "../documents/lines.js";
import { countDistinct, countDistinctSorted, StringStore, TextColumn } from "../documents/string-store.js";
import type { Problem } from "../documents/problem.js";

export const NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** 1 to 512 printable ASCII characters, no space (the test /^[\x21-\x7e]{1,512}$/ makes, without a regex call per field). */
export function printableName(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 512) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

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

/** Where a run's inventory came from, for the report: `inventory: { source, path?, table?, asOf, rows }`. */
export interface InventoryInfo {
  source: "file" | "postgres";
  path?: string;
  table?: string;
  /** ISO 8601: when the file was read, or the database transaction's snapshot time. */
  asOf: string;
  /** Rows of the whole inventory (the table or query, for a live source). */
  rows: number;
}

/** What a live inventory knows of the whole table, where the rows held are only those a run asked for. */
export interface InventoryTotals {
  kinds: Map<string, number>;
  environments: string[];
  rows: number;
}

/**
 * The inventory port for a live source (a database): asked once per run, in one snapshot, for the rows of
 * the identifiers the manifests name and the objects inside them, and for counts over the whole table.
 */
export interface LiveInventory {
  read(request: LiveInventoryRequest): Promise<{ inventory?: Inventory; info?: InventoryInfo; problems: Problem[] }>;
}

export interface LiveInventoryRequest {
  /** Distinct identifiers, each once. */
  identifiers: Iterable<string>;
  /** The catalog's kinds: a row of another kind is refused. */
  kinds: readonly string[];
  /** How the catalog nests kinds (each kind's parent kind) and the environments it lists: a row that breaks them is refused, as in a file. */
  model?: { parentKinds: ReadonlyMap<string, string | undefined>; environments?: readonly string[] };
  /** Seconds the whole read may take (limits.inventoryTimeout). */
  timeoutSeconds: number;
}

const NO_PARENT = -1;
/** The parent is named but was not (yet) found among the rows: its id waits in `pendingIds`. */
const PENDING_PARENT = -2;

/** Distinct strings of one column, each stored once; a row holds its string's index. */
class StringTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private last: string | undefined;
  private lastId = 0;

  id(name: string): number {
    // Kinds and environments repeat row after row: a comparison is cheaper than a lookup.
    if (name === this.last) return this.lastId;
    let n = this.ids.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(name);
      this.ids.set(name, n);
    }
    this.last = name;
    this.lastId = n;
    return n;
  }

  indexOf(name: string): number {
    return this.ids.get(name) ?? -1;
  }
}

/**
 * The inventory held by column: strings that repeat (kind, tenant, customer, environment) are stored
 * once, the columns are typed arrays (outside the garbage-collected heap), and a parent is held as its
 * row, so a million rows cost a map entry, the id and about twenty bytes each.
 */
export class Inventory {
  /** Id -> row: rows are numbered in the order ids were first added. Compact: no string object per id. */
  private readonly index = new StringStore();
  private capacity = 1024;
  private kinds = new Uint32Array(this.capacity);
  private environments = new Uint32Array(this.capacity);
  private parents = new Int32Array(this.capacity);
  private flags = new Uint8Array(this.capacity);
  private readonly kindTable = new StringTable();
  private kindTotals: number[] = [];
  private readonly environmentTable = new StringTable();
  /**
   * Each row's tenant and customer, as written, appended in order: no lookup while the inventory is read
   * (a million rows in random order made two cache-missing lookups each); distinct ones are counted
   * for the rows a plan names, when it asks.
   */
  private readonly tenantTexts = new TextColumn();
  private readonly customerTexts = new TextColumn();
  /** Rows whose parent was not among the rows read before them (or is not in the inventory), and the parents' ids. */
  private pendingRows: number[] = [];
  private pendingIds: string[] = [];
  private pendingCheckedAt = 0;
  /** Children of each row, compressed: row r's children are childRows[childStart[r]] .. childRows[childStart[r + 1] - 1]. */
  private childStart: Int32Array | undefined;
  private childRows: Int32Array | undefined;
  private hasParents = false;
  /** Zeroed between calls, and cleared where marked after each: 10,000 small manifests must not zero a million bytes each. */
  private rowMarks = new Uint8Array(0);
  private rowStack = new Int32Array(0);
  /** Set for a live inventory, which holds only the rows a run asked for: kind counts and environments of the whole table. */
  private totals: InventoryTotals | undefined;

  constructor(readonly file: string) {
    this.environmentTable.id("");
  }

  get size(): number {
    return this.index.size;
  }

  /** Counts over the whole source, for an inventory that holds only some of its rows. */
  setTotals(totals: InventoryTotals): void {
    this.totals = totals;
  }

  /** Adds a row; returns false when the id is already present. */
  add(o: InventoryObject): boolean {
    return this.addRow(o.id, o.kind, o.tenant, o.customer, o.environment ?? "", o.parent || undefined, o.protected);
  }

  /** `add` without the object: the parser calls it once per row. */
  addRow(id: string, kind: string, tenant: string, customer: string, environment: string, parent: string | undefined, isProtected: boolean): boolean {
    const index = this.index;
    const row = index.size;
    if (index.put(id) !== row) return false;
    if (row === this.capacity) this.grow();
    const k = this.kindTable.id(kind);
    this.kinds[row] = k;
    this.kindTotals[k] = (this.kindTotals[k] ?? 0) + 1;
    this.environments[row] = this.environmentTable.id(environment);
    let p = NO_PARENT;
    if (parent) {
      this.hasParents = true;
      p = index.find(parent);
      if (p < 0) p = PENDING_PARENT;
      if (p === PENDING_PARENT) {
        this.pendingRows.push(row);
        this.pendingIds.push(parent);
      }
    }
    this.parents[row] = p;
    this.tenantTexts.push(tenant);
    this.customerTexts.push(customer);
    this.flags[row] = isProtected ? 1 : 0;
    this.childStart = this.childRows = undefined;
    return true;
  }

  row(id: string): number | undefined {
    const r = this.index.find(id);
    return r < 0 ? undefined : r;
  }

  get(id: string): InventoryObject | undefined {
    const r = this.row(id);
    return r === undefined ? undefined : this.at(r);
  }

  at(r: number): InventoryObject {
    this.settle();
    const env = this.environmentOf(r);
    const o: InventoryObject = {
      id: this.idAt(r),
      kind: this.kindOf(r),
      tenant: this.tenantTexts.get(r),
      customer: this.customerTexts.get(r),
      protected: this.isProtected(r),
    };
    if (env) o.environment = env;
    const p = this.parents[r]!;
    const parent = p >= 0 ? this.idAt(p) : p === PENDING_PARENT ? this.pendingIds[this.pendingRows.indexOf(r)] : undefined;
    if (parent) o.parent = parent;
    return o;
  }

  /** The row of r's parent, when the inventory holds it. */
  parentOf(r: number): number | undefined {
    this.settle();
    const p = this.parents[r]!;
    return p >= 0 ? p : undefined;
  }

  /** The row of r's parent; -1 when the row names none, -2 when it names an id the inventory does not hold. */
  parentRow(r: number): number {
    this.settle();
    return this.parents[r]!;
  }

  kindOf(r: number): string {
    return this.kindTable.names[this.kinds[r]!]!;
  }
  environmentOf(r: number): string | undefined {
    return this.environmentTable.names[this.environments[r]!] || undefined;
  }
  isProtected(r: number): boolean {
    return this.flags[r] === 1;
  }

  countOfKind(kind: string): number {
    if (this.totals) return this.totals.kinds.get(kind) ?? 0;
    const k = this.kindTable.indexOf(kind);
    return k < 0 ? 0 : this.kindTotals[k]!;
  }

  /** How many different tenants and customers the rows belong to (one pass over the rows for both). */
  distinctOwners(rows: ArrayLike<number> | Iterable<number>): { tenants: number; customers: number } {
    const order = Int32Array.from(arrayLike(rows)).sort();
    return { tenants: countDistinctSorted(this.tenantTexts, order), customers: countDistinctSorted(this.customerTexts, order) };
  }

  /** How many different tenants the rows belong to. */
  distinctTenants(rows: ArrayLike<number> | Iterable<number>): number {
    return countDistinct(this.tenantTexts, arrayLike(rows));
  }

  /** How many different customers the rows belong to. */
  distinctCustomers(rows: ArrayLike<number> | Iterable<number>): number {
    return countDistinct(this.customerTexts, arrayLike(rows));
  }

  /** The environments the rows name, in the order first named. */
  environmentNames(): Set<string> {
    if (this.totals) return new Set(this.totals.environments);
    return new Set(this.environmentTable.names.filter((name) => name !== ""));
  }

  /** Every object inside the given rows (children, their children, ...), not counting the rows themselves. */
  containedIn(rows: Iterable<number>): number[] {
    if (!this.hasParents) return [];
    this.settle();
    const { childStart, childRows } = this.children();
    if (this.rowMarks.length < this.size) {
      this.rowMarks = new Uint8Array(this.size);
      this.rowStack = new Int32Array(this.size);
    }
    const seen = this.rowMarks;
    const stack = this.rowStack;
    const roots = Array.isArray(rows) || ArrayBuffer.isView(rows) ? (rows as ArrayLike<number> & Iterable<number>) : [...rows];
    // Each row enters the stack once, when first marked: it never holds more than all the rows.
    let top = 0;
    for (const r of roots) {
      if (seen[r]) continue;
      seen[r] = 1;
      stack[top++] = r;
    }
    const out: number[] = [];
    while (top > 0) {
      const r = stack[--top]!;
      for (let i = childStart[r]!, end = childStart[r + 1]!; i < end; i++) {
        const c = childRows[i]!;
        if (seen[c]) continue;
        seen[c] = 1;
        out.push(c);
        stack[top++] = c;
      }
    }
    for (const r of roots) seen[r] = 0;
    for (const c of out) seen[c] = 0;
    return out;
  }

  /** Links rows to parents that came after them in the file; the parser calls it at the end. */
  settle(): void {
    if (this.pendingRows.length === 0 || this.pendingCheckedAt === this.size) return;
    const rows: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < this.pendingRows.length; i++) {
      const p = this.index.find(this.pendingIds[i]!);
      if (p >= 0) this.parents[this.pendingRows[i]!] = p;
      else {
        // Not in the inventory: nothing contains the row (unless the parent is added later).
        rows.push(this.pendingRows[i]!);
        ids.push(this.pendingIds[i]!);
      }
    }
    this.pendingRows = rows;
    this.pendingIds = ids;
    this.pendingCheckedAt = this.size;
  }

  /** Rows whose parent is not among the rows (a live inventory holds only the rows a run asked for), with the parent's id. */
  *unknownParents(): Iterable<[row: number, parent: string]> {
    this.settle();
    for (let i = 0; i < this.pendingRows.length; i++) yield [this.pendingRows[i]!, this.pendingIds[i]!];
  }

  /** The id of a row. */
  idAt(r: number): string {
    return this.index.get(r);
  }

  private children(): { childStart: Int32Array; childRows: Int32Array } {
    if (this.childStart && this.childRows) return { childStart: this.childStart, childRows: this.childRows };
    const n = this.size;
    const start = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) {
      const p = this.parents[r]!;
      if (p >= 0) start[p + 1]!++;
    }
    for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
    const next = start.slice(0, n);
    const childRows = new Int32Array(start[n]!);
    // In ascending rows, so children are visited in file order.
    for (let r = 0; r < n; r++) {
      const p = this.parents[r]!;
      if (p >= 0) childRows[next[p]!++] = r;
    }
    this.childStart = start;
    this.childRows = childRows;
    return { childStart: start, childRows };
  }

  private grow(): void {
    this.capacity *= 2;
    this.kinds = grown(this.kinds, this.capacity);
    this.environments = grown(this.environments, this.capacity);
    this.parents = grown(this.parents, this.capacity);
    this.flags = grown(this.flags, this.capacity);
  }
}

/** Each parent cycle among the rows, as its rows in walking order: walk up from each row not yet seen; meeting a row of the same walk closes a cycle. */
export function* parentCycles(inv: Inventory): Iterable<number[]> {
  const state = new Uint8Array(inv.size);
  const path: number[] = [];
  for (let r = 0; r < inv.size; r++) {
    if (state[r] !== 0) continue;
    path.length = 0;
    let x = r;
    while (x >= 0 && state[x] === 0) {
      state[x] = 1;
      path.push(x);
      x = inv.parentRow(x);
    }
    if (x >= 0 && state[x] === 1) yield path.slice(path.indexOf(x));
    for (const y of path) state[y] = 2;
  }
}

/** "parent cycle: a → b → a: an object cannot be inside itself" (the first six objects of a longer one). */
export function describeCycle(inv: Inventory, cycle: readonly number[]): string {
  const ids = cycle.slice(0, 6).map((c) => printable(inv.idAt(c)));
  return `parent cycle: ${ids.join(" → ")}${cycle.length > 6 ? ` → … (${cycle.length} objects)` : ` → ${ids[0]}`}: an object cannot be inside itself`;
}

/** "a site", "an app". */
export function an(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

function arrayLike(rows: ArrayLike<number> | Iterable<number>): ArrayLike<number> {
  return typeof (rows as ArrayLike<number>).length === "number" ? (rows as ArrayLike<number>) : Array.from(rows as Iterable<number>);
}

function grown<T extends Uint32Array | Int32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

const FIELDS = ["id", "kind", "tenant", "customer", "environment", "parent", "protected"] as const;
const REQUIRED = ["id", "kind", "tenant", "customer"] as const;
/**
 * The longest inventory line (a CSV record spanning lines counts whole): a row's fields are each at most
 * 512 characters, so no real row comes near. A longer line stops the read at once: a 128 MiB line was joined
 * and rescanned chunk by chunk.
 */
export const MAX_INVENTORY_LINE = 16 * 1024;

/**
 * Reads an NDJSON or CSV inventory export a chunk at a time. Pure: the caller reads the file.
 * Format is chosen by the file name (.csv, else NDJSON).
 */
export class InventoryParser {
  readonly inventory: Inventory;
  private readonly problems: Problem[] = [];
  private readonly csv: boolean;
  private header: string[] | undefined;
  // A CR before the newline is part of the line ending, not of the last field.
  private readonly splitter = new LineSplitter(
    (text, start, end) => this.line(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end)),
    MAX_INVENTORY_LINE,
    () => this.problem(`line ${this.lineNo + 1} is longer than ${MAX_INVENTORY_LINE} characters: not an inventory row (reading stopped)`, this.lineNo + 1),
  );
  private lineNo = 0;
  /** A CSV record whose quoted field holds a newline: its text so far, and the line it started on. */
  private pending: string | undefined;
  private pendingLine = 0;
  private bad = 0;
  private duplicates = 0;
  private lastKind: string | undefined;
  private lastEnvironment: string | undefined;

  /** Each row's line, for problems found once every row is read (a parent may come after its child). */
  private rowLines = new Int32Array(1024);

  /**
   * `kinds`: the kinds the catalog defines; a row of another kind is refused at its line. `model`: how the
   * catalog nests kinds (each kind's parent kind, none for a top-level kind) and its environments: a row
   * whose parent is unknown, of another kind, or part of a cycle, or whose environment the catalog does not
   * list (or is empty when it lists some) is refused at its line.
   */
  constructor(
    readonly file: string,
    private readonly kinds?: ReadonlySet<string>,
    private readonly model?: { parentKinds: ReadonlyMap<string, string | undefined>; environments?: readonly string[] },
  ) {
    this.inventory = new Inventory(file);
    this.csv = /\.csv$/i.test(file);
  }

  push(chunk: string): void {
    this.splitter.push(chunk);
  }

  /** The inventory is refused already (a line too long, a CSV header that cannot be read): the caller may stop reading. */
  get done(): boolean {
    return this.splitter.stopped;
  }

  end(): { inventory: Inventory; problems: Problem[] } {
    this.splitter.end();
    if (this.pending !== undefined) {
      this.lineNo = this.pendingLine;
      this.malformed("a quoted field is never closed");
    }
    if (this.model && !this.splitter.stopped) this.checkParents(this.model.parentKinds);
    if (this.bad > 5) this.problem(`${this.bad - 5} more malformed inventory rows`, 1);
    if (this.duplicates > 3) this.problem(`${this.duplicates - 3} more duplicate ids in the inventory`, 1);
    if (this.csv && !this.header) this.problem(`inventory ${this.file} is empty: it needs a header row (id,kind,tenant,customer,...)`, 1);
    this.inventory.settle();
    return { inventory: this.inventory, problems: this.problems };
  }

  private line(text: string): void {
    this.lineNo++;
    let record: Record<string, unknown> | undefined;
    if (this.csv) {
      // A quoted field may hold a newline (RFC 4180): the record goes on until its quotes balance.
      if (this.pending !== undefined) {
        text = `${this.pending}\n${text}`;
        if (text.length > MAX_INVENTORY_LINE) {
          this.problem(`the record starting on line ${this.pendingLine} is longer than ${MAX_INVENTORY_LINE} characters: not an inventory row (reading stopped)`, this.pendingLine);
          this.pending = undefined;
          return this.splitter.stop();
        }
      }
      if (quotesOpen(text)) {
        if (this.pending === undefined) this.pendingLine = this.lineNo;
        this.pending = text;
        return;
      }
      const at = this.pending !== undefined ? this.pendingLine : this.lineNo;
      this.pending = undefined;
      if (text.trim() === "") return;
      const cells = splitCsvLine(text);
      if (!cells) return this.malformed('a quote inside a field that is not quoted as a whole (write "a ""b""" for a "b")', at);
      if (!this.header) return this.readHeader(cells);
      if (cells.length !== this.header.length) return this.malformed(`${cells.length} column${cells.length === 1 ? "" : "s"} where the header has ${this.header.length}`, at);
      record = {};
      for (let i = 0; i < cells.length; i++) {
        const h = this.header[i]!;
        const cell = cells[i]!.trim();
        if (h !== "protected") record[h] = cell;
        else if (/^true$/i.test(cell)) record[h] = true;
        else if (/^(false|)$/i.test(cell)) record[h] = false;
        else return this.malformed(`'protected' must be true or false, not '${printable(cell)}'`, at);
      }
      return this.row(record, at);
    }
    if (text.trim() === "") return;
    {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return this.malformed("not a JSON object");
        record = parsed as Record<string, unknown>;
      } catch {
        return this.malformed("not valid JSON");
      }
    }
    this.row(record, this.lineNo);
  }

  /** The CSV header: exactly the field names (lowercase, each once), in any order. */
  private readHeader(cells: string[]): void {
    const names = cells.map((c) => c.trim());
    const known = FIELDS as readonly string[];
    const wrong: string[] = [];
    names.forEach((name, i) => {
      if (known.includes(name)) {
        if (names.indexOf(name) !== i) wrong.push(`column '${name}' appears twice`);
        return;
      }
      const hint = known.find((k) => k === name.toLowerCase());
      wrong.push(hint ? `column '${printable(name)}' must be written '${hint}'` : `column '${printable(name)}' is not an inventory field`);
    });
    const missing = REQUIRED.filter((f) => !names.includes(f));
    if (missing.length) wrong.push(`it lacks the column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
    if (wrong.length > 0) {
      // Rows under a header that cannot be read cannot be read either: stop here.
      this.problem(`inventory header: ${wrong.join("; ")} (the columns are id, kind, tenant, customer; optional environment, parent, protected)`, this.lineNo);
      this.splitter.stop();
      this.header = names;
      return;
    }
    this.header = names;
  }

  private row(record: Record<string, unknown>, line: number): void {
    for (const f of REQUIRED) {
      const v = record[f];
      if (typeof v !== "string" && typeof v !== "number") return this.malformed(`field '${f}' is missing`, line);
      if (v === "") return this.malformed(`field '${f}' is empty`, line);
    }
    const prot = record.protected;
    if (prot !== undefined && typeof prot !== "boolean") return this.malformed("'protected' must be true or false", line);
    const id = String(record.id);
    const environment = typeof record.environment === "string" ? record.environment : "";
    const parent = (typeof record.parent === "string" || typeof record.parent === "number") && record.parent !== "" ? String(record.parent) : undefined;
    // The inventory is as untrusted as a manifest, and its names reach reports and the PR comment:
    // kinds and environments are plain names, the other fields printable ASCII without spaces.
    const kind = String(record.kind);
    const tenant = String(record.tenant);
    const customer = String(record.customer);
    // Kinds and environments repeat row after row: a name checked on the row before is not checked again.
    if (kind !== this.lastKind) {
      if (!NAME.test(kind)) return this.malformed(`kind '${printable(kind)}' is not a plain name (letters, digits, . _ -)`, line);
      if (this.kinds && !this.kinds.has(kind)) return this.malformed(`kind '${kind}' is not a kind the catalog defines (known: ${[...this.kinds].join(", ")})`, line);
      this.lastKind = kind;
    }
    const environments = this.model?.environments;
    if (environment !== "" && environment !== this.lastEnvironment) {
      if (!NAME.test(environment)) return this.malformed(`environment '${printable(environment)}' is not a plain name (letters, digits, . _ -)`, line);
      if (environments && !environments.includes(environment)) return this.malformed(`environment '${environment}' is not one of the catalog's environments (${environments.join(", ")})`, line);
      this.lastEnvironment = environment;
    }
    if (environment === "" && environments && environments.length > 0) {
      return this.malformed(`field 'environment' is ${record.environment === undefined ? "missing" : "empty"}; the catalog lists environments (${environments.join(", ")}), so each row names one`, line);
    }
    const unprintable = !printableName(id) ? "id" : !printableName(tenant) ? "tenant" : !printableName(customer) ? "customer" : parent !== undefined && !printableName(parent) ? "parent" : undefined;
    if (unprintable) {
      const value = unprintable === "id" ? id : unprintable === "tenant" ? tenant : unprintable === "customer" ? customer : parent!;
      if (value.length > 512) return this.malformed(`${unprintable} '${printable(value)}' is longer than 512 characters`, line);
      return this.malformed(`${unprintable} '${printable(value)}' holds white space, control or non-ASCII characters`, line);
    }
    if (!this.inventory.addRow(id, kind, tenant, customer, environment, parent, prot === true)) {
      if (++this.duplicates <= 3) this.problem(`duplicate id '${id}' in the inventory`, line);
      return;
    }
    const row = this.inventory.size - 1;
    if (row >= this.rowLines.length) this.rowLines = grown(this.rowLines, this.rowLines.length * 2);
    this.rowLines[row] = line;
  }

  /**
   * Every parent once all rows are read: an id the inventory holds, of the kind the catalog nests this
   * kind in, and no cycle. One pass over the rows, and each row is walked up from at most once.
   */
  private checkParents(parentKinds: ReadonlyMap<string, string | undefined>): void {
    const inv = this.inventory;
    const n = inv.size;
    const lines = this.rowLines;
    const parentId = (r: number) => inv.at(r).parent ?? "";
    for (let r = 0; r < n; r++) {
      const p = inv.parentRow(r);
      if (p === -1) continue;
      const kind = inv.kindOf(r);
      if (p === -2) {
        this.refuse(r, () => `parent '${parentId(r)}' is not an id in the inventory`);
        continue;
      }
      const expected = parentKinds.get(kind);
      const actual = inv.kindOf(p);
      if (expected === undefined) this.refuse(r, () => `${an(kind)} is inside nothing in the catalog (kinds.${kind} names no parent), but its parent is '${inv.idAt(p)}' (${an(actual)})`);
      else if (actual !== expected) this.refuse(r, () => `parent '${inv.idAt(p)}' is ${an(actual)}; the catalog puts ${an(kind)} inside ${an(expected)} (kinds.${kind}.parent)`);
    }
    for (const cycle of parentCycles(inv)) {
      this.malformed(describeCycle(inv, cycle), lines[cycle[0]!]);
    }
  }

  /** A row refused after reading: its message is made only when it is shown. */
  private refuse(r: number, why: () => string): void {
    if (this.bad >= 5) this.bad++;
    else this.malformed(why(), this.rowLines[r]);
  }

  private malformed(why: string, line = this.lineNo): void {
    if (++this.bad <= 5) this.problem(`malformed inventory row: ${why}`, line);
  }

  private problem(message: string, line: number): void {
    this.problems.push({ code: "inventory", message, location: { file: this.file, line, column: 1 } });
  }
}

/** Whether a CSV text ends inside a quoted field (an odd number of quotes: "" inside a field counts two). */
function quotesOpen(text: string): boolean {
  let open = false;
  for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q + 1)) open = !open;
  return open;
}

/** RFC 4180 fields of one record; undefined when a quote is left open or stands inside an unquoted field. */
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
