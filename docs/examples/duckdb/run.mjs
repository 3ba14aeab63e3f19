// Reads runlog's JSON Lines (runlog analyze --format jsonl) into DuckDB and
// prints per-athlete aggregates (per-athlete.sql). docs/scaling.md.
//
//   node run.mjs RUNS.jsonl [QUERY.sql]
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const [file, sqlFile = new URL("per-athlete.sql", import.meta.url)] = process.argv.slice(2);
if (!file) {
  console.error("usage: node run.mjs RUNS.jsonl [QUERY.sql]");
  process.exit(2);
}
const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();
const quoted = "'" + file.replaceAll("'", "''") + "'";
await conn.run(`CREATE VIEW runs AS SELECT * FROM read_json(${quoted}, format = 'newline_delimited')`);
const reader = await conn.runAndReadAll(readFileSync(sqlFile, "utf8"));
const names = reader.columnNames();
const rows = reader.getRowsJS().map((r) => r.map((v) => (v === null ? "null" : String(v))));
const widths = names.map((n, i) => Math.max(n.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(line(names));
for (const r of rows) {
  console.log(line(r));
}
