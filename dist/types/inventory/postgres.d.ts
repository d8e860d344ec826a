import { redactor } from "./postgres-url.js";
import type { Problem } from "../documents/problem.js";
import { type PostgresInventorySource } from "../resolve/catalog.js";
import { Inventory, type InventoryInfo, type LiveInventory, type LiveInventoryRequest } from "../resolve/inventory.js";
/** Identifiers per statement: `= ANY($1::text[])` with this many values stays one index scan per batch. */
export declare const BATCH = 20000;
export { redactor };
export declare const DEFAULT_URL_VARIABLE = "BLASTGATE_INVENTORY_URL";
export interface PostgresInventoryOptions {
    /** A connection string given directly (the CLI's --inventory-url, the Action's inventory-url input); wins over the variable. */
    url?: string;
    /** Where `url` came from, for messages: "--inventory-url", "input 'inventory-url'". */
    urlFrom?: string;
    env: Record<string, string | undefined>;
    /** Counts statements sent (the benchmark reports round trips). */
    onStatement?: () => void;
}
/** The inventory in Postgres, read in one read-only snapshot per run: only the rows the run names, and counts over the rest. */
export declare class PostgresInventory implements LiveInventory {
    private readonly source;
    private readonly options;
    constructor(source: PostgresInventorySource, options: PostgresInventoryOptions);
    read(request: LiveInventoryRequest): Promise<{
        inventory?: Inventory;
        info?: InventoryInfo;
        problems: Problem[];
    }>;
}
