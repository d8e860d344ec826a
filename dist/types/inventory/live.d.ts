import type { PostgresInventorySource } from "../resolve/catalog.js";
import type { LiveInventory } from "../resolve/inventory.js";
import type { PostgresInventoryOptions } from "./postgres.js";
/**
 * The live inventory a catalog names, for runCheck: the connection string given directly (the CLI's
 * --inventory-url, the Action's inventory-url input) or from the environment. The driver is loaded only
 * when a run asks a database, so a run on a file inventory starts no slower.
 */
export declare function liveInventory(options: PostgresInventoryOptions): (source: PostgresInventorySource) => LiveInventory;
