import type { Problem } from "../documents/problem.js";
export declare const NAME: RegExp;
/** 1 to 512 printable ASCII characters, no space (the test /^[\x21-\x7e]{1,512}$/ makes, without a regex call per field). */
export declare function printableName(s: string): boolean;
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
    read(request: LiveInventoryRequest): Promise<{
        inventory?: Inventory;
        info?: InventoryInfo;
        problems: Problem[];
    }>;
}
export interface LiveInventoryRequest {
    /** Distinct identifiers, each once. */
    identifiers: Iterable<string>;
    /** The catalog's kinds: a row of another kind is refused. */
    kinds: readonly string[];
    /** How the catalog nests kinds (each kind's parent kind) and the environments it lists: a row that breaks them is refused, as in a file. */
    model?: {
        parentKinds: ReadonlyMap<string, string | undefined>;
        environments?: readonly string[];
    };
    /** Seconds the whole read may take (limits.inventoryTimeout). */
    timeoutSeconds: number;
}
/**
 * The inventory held by column: strings that repeat (kind, tenant, customer, environment) are stored
 * once, the columns are typed arrays (outside the garbage-collected heap), and a parent is held as its
 * row, so a million rows cost a map entry, the id and about twenty bytes each.
 */
export declare class Inventory {
    readonly file: string;
    /** Id -> row: rows are numbered in the order ids were first added. Compact: no string object per id. */
    private readonly index;
    private capacity;
    private kinds;
    private environments;
    private parents;
    private flags;
    private readonly kindTable;
    private kindTotals;
    private readonly environmentTable;
    /**
     * Each row's tenant and customer, as written, appended in order: no lookup while the inventory is read
     * (a million rows in random order made two cache-missing lookups each); distinct ones are counted
     * for the rows a plan names, when it asks.
     */
    private readonly tenantTexts;
    private readonly customerTexts;
    /** Rows whose parent was not among the rows read before them (or is not in the inventory), and the parents' ids. */
    private pendingRows;
    private pendingIds;
    private pendingCheckedAt;
    /** Children of each row, compressed: row r's children are childRows[childStart[r]] .. childRows[childStart[r + 1] - 1]. */
    private childStart;
    private childRows;
    private hasParents;
    /** Zeroed between calls, and cleared where marked after each: 10,000 small manifests must not zero a million bytes each. */
    private rowMarks;
    private rowStack;
    /** Set for a live inventory, which holds only the rows a run asked for: kind counts and environments of the whole table. */
    private totals;
    constructor(file: string);
    get size(): number;
    /** Counts over the whole source, for an inventory that holds only some of its rows. */
    setTotals(totals: InventoryTotals): void;
    /** Adds a row; returns false when the id is already present. */
    add(o: InventoryObject): boolean;
    /** `add` without the object: the parser calls it once per row. */
    addRow(id: string, kind: string, tenant: string, customer: string, environment: string, parent: string | undefined, isProtected: boolean): boolean;
    row(id: string): number | undefined;
    get(id: string): InventoryObject | undefined;
    at(r: number): InventoryObject;
    /** The row of r's parent, when the inventory holds it. */
    parentOf(r: number): number | undefined;
    /** The row of r's parent; -1 when the row names none, -2 when it names an id the inventory does not hold. */
    parentRow(r: number): number;
    kindOf(r: number): string;
    environmentOf(r: number): string | undefined;
    isProtected(r: number): boolean;
    countOfKind(kind: string): number;
    /** How many different tenants and customers the rows belong to (one pass over the rows for both). */
    distinctOwners(rows: ArrayLike<number> | Iterable<number>): {
        tenants: number;
        customers: number;
    };
    /** How many different tenants the rows belong to. */
    distinctTenants(rows: ArrayLike<number> | Iterable<number>): number;
    /** How many different customers the rows belong to. */
    distinctCustomers(rows: ArrayLike<number> | Iterable<number>): number;
    /** The environments the rows name, in the order first named. */
    environmentNames(): Set<string>;
    /** Every object inside the given rows (children, their children, ...), not counting the rows themselves. */
    containedIn(rows: Iterable<number>): number[];
    /** Links rows to parents that came after them in the file; the parser calls it at the end. */
    settle(): void;
    /** Rows whose parent is not among the rows (a live inventory holds only the rows a run asked for), with the parent's id. */
    unknownParents(): Iterable<[row: number, parent: string]>;
    /** The id of a row. */
    idAt(r: number): string;
    private children;
    private grow;
}
/** Each parent cycle among the rows, as its rows in walking order: walk up from each row not yet seen; meeting a row of the same walk closes a cycle. */
export declare function parentCycles(inv: Inventory): Iterable<number[]>;
/** "parent cycle: a → b → a: an object cannot be inside itself" (the first six objects of a longer one). */
export declare function describeCycle(inv: Inventory, cycle: readonly number[]): string;
/** "a site", "an app". */
export declare function an(noun: string): string;
/**
 * The longest inventory line (a CSV record spanning lines counts whole): a row's fields are each at most
 * 512 characters, so no real row comes near. A longer line stops the read at once: a 128 MiB line was joined
 * and rescanned chunk by chunk.
 */
export declare const MAX_INVENTORY_LINE: number;
/**
 * Reads an NDJSON or CSV inventory export a chunk at a time. Pure: the caller reads the file.
 * Format is chosen by the file name (.csv, else NDJSON).
 */
export declare class InventoryParser {
    readonly file: string;
    private readonly kinds?;
    private readonly model?;
    readonly inventory: Inventory;
    private readonly problems;
    private readonly csv;
    private header;
    private readonly splitter;
    private lineNo;
    /** A CSV record whose quoted field holds a newline: its text so far, and the line it started on. */
    private pending;
    private pendingLine;
    private bad;
    private duplicates;
    private lastKind;
    private lastEnvironment;
    /** Each row's line, for problems found once every row is read (a parent may come after its child). */
    private rowLines;
    /**
     * `kinds`: the kinds the catalog defines; a row of another kind is refused at its line. `model`: how the
     * catalog nests kinds (each kind's parent kind, none for a top-level kind) and its environments: a row
     * whose parent is unknown, of another kind, or part of a cycle, or whose environment the catalog does not
     * list (or is empty when it lists some) is refused at its line.
     */
    constructor(file: string, kinds?: ReadonlySet<string> | undefined, model?: {
        parentKinds: ReadonlyMap<string, string | undefined>;
        environments?: readonly string[];
    } | undefined);
    push(chunk: string): void;
    /** The inventory is refused already (a line too long, a CSV header that cannot be read): the caller may stop reading. */
    get done(): boolean;
    end(): {
        inventory: Inventory;
        problems: Problem[];
    };
    private line;
    /** The CSV header: exactly the field names (lowercase, each once), in any order. */
    private readHeader;
    private row;
    /**
     * Every parent once all rows are read: an id the inventory holds, of the kind the catalog nests this
     * kind in, and no cycle. One pass over the rows, and each row is walked up from at most once.
     */
    private checkParents;
    /** A row refused after reading: its message is made only when it is shown. */
    private refuse;
    private malformed;
    private problem;
}
/** RFC 4180 fields of one record; undefined when a quote is left open or stands inside an unquoted field. */
export declare function splitCsvLine(line: string): string[] | undefined;
