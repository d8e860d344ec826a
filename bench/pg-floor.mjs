// The floor for a Postgres inventory: the least a checker must do to learn each identifier's kind from the
// database. Stream the identifier file, send its ids in batches of 20,000 (Blastgate's batch) as
// `SELECT id, kind FROM inventory.objects WHERE id = ANY($1::text[])`, count kinds. Nothing else.
//   node bench/pg-floor.mjs <postgres url> <identifiers.txt>
import { readFileSync } from "node:fs";
import pg from "pg";

const BATCH = 20_000;
const [url, idFile] = process.argv.slice(2);
const client = new pg.Client(url);
await client.connect();
const byKind = new Map();
let batch = [];
let found = 0;
const flush = async () => {
  const r = await client.query({ text: "SELECT id, kind FROM inventory.objects WHERE id = ANY($1::text[])", values: [batch], rowMode: "array" });
  for (const [, kind] of r.rows) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  found += r.rows.length;
  batch = [];
};
for (const line of readFileSync(idFile, "utf8").split("\n")) {
  const id = line.trim();
  if (id === "" || id.startsWith("#")) continue;
  batch.push(id);
  if (batch.length === BATCH) await flush();
}
if (batch.length) await flush();
await client.end();
process.stdout.write(JSON.stringify({ byKind: Object.fromEntries(byKind), found }) + "\n");
