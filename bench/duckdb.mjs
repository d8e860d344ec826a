// The peer for the file path: DuckDB (what a data engineer would reach for) answering "what kind is each
// id" over the same two files, a join of the NDJSON inventory and the identifier file, counted by kind.
//   node bench/duckdb.mjs <inventory.ndjson> <identifiers.txt>
import { DuckDBInstance } from "@duckdb/node-api";

const [inventory, ids] = process.argv.slice(2);
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const quote = (s) => `'${s.replace(/'/g, "''")}'`;
const reader = await connection.runAndReadAll(
  `SELECT i.kind, count(*)::BIGINT AS n
     FROM read_ndjson(${quote(inventory)}, columns = {id: 'VARCHAR', kind: 'VARCHAR'}) i
     JOIN read_csv(${quote(ids)}, header = false, columns = {id: 'VARCHAR'}, delim = '\\t', quote = '', escape = '') t ON t.id = i.id
    GROUP BY 1`,
);
const byKind = Object.fromEntries(reader.getRows().map(([kind, n]) => [kind, Number(n)]));
process.stdout.write(JSON.stringify({ byKind }) + "\n");
