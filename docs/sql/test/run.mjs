// run.mjs runs a SQL file with DuckDB, as `duckdb -f FILE` would, after
// setting the variables given as NAME=VALUE arguments (numbers and true or
// false as such, anything else as a string):
//
//	node run.mjs ../duckdb/graph.sql tables=DIR out=DIR top_k=10
//
// An argument set:NAME=VALUE sets a DuckDB setting instead
// (set:memory_limit=1GB, set:temp_directory=DIR).
//
// It prints nothing on success; an error is one line on stderr, exit 1.
// With -trace as the first argument it prints, for each statement, its
// wall seconds, its CPU seconds (user and system, all of DuckDB's threads),
// the process's peak RSS so far and its first line, on stderr.
// With -query SQL instead of a file it prints the query's rows, one JSON
// object a line (the tests' way to ask DuckDB about a file).
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const args = process.argv.slice(2);
const trace = args[0] === "-trace";
if (trace) args.shift();
const [file, ...vars] = args;
const query = file === "-query";
const sql = query ? vars.shift() : readFileSync(file, "utf8");
const inst = await DuckDBInstance.create(":memory:");
const conn = await inst.connect();
const lit = (v) => {
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(v) || v === "true" || v === "false") return v;
  return "'" + v.replaceAll("'", "''") + "'";
};
try {
  for (const kv of vars) {
    const i = kv.indexOf("=");
    if (kv.startsWith("set:")) {
      await conn.run(`SET ${kv.slice(4, i)} = '${kv.slice(i + 1).replaceAll("'", "''")}'`);
    } else {
      await conn.run(`SET VARIABLE ${kv.slice(0, i)} = ${lit(kv.slice(i + 1))}`);
    }
  }
  if (query) {
    const reader = await conn.runAndReadAll(sql);
    for (const row of reader.getRowObjectsJson()) console.log(JSON.stringify(row));
    process.exit(0);
  }
  const stmts = await conn.extractStatements(sql);
  const texts = trace ? sql.split(/;\s*\n/).map((t) => t.replace(/^(\s*--[^\n]*\n)*\s*/, "").split("\n")[0]) : [];
  for (let i = 0; i < stmts.count; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // Each statement is destroyed once it has run: until then DuckDB keeps
    // what its plan allocated (aggregate states, materialized CTEs), which
    // counts against memory_limit and cannot spill, and JavaScript's
    // collector, which does not see that memory, frees it only when its
    // own small heap needs collecting (after a whole projection, never).
    const prepared = await stmts.prepare(i);
    try {
      await prepared.run();
    } finally {
      prepared.destroySync();
    }
    if (trace) {
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      const c = process.cpuUsage(c0);
      const cpu = ((c.user + c.system) / 1e6).toFixed(1);
      const mb = Math.round(process.resourceUsage().maxRSS / 1024);
      console.error(`${s.padStart(7)} s ${cpu.padStart(7)} s cpu ${String(mb).padStart(6)} MB  ${(texts[i] || "").slice(0, 90)}`);
    }
  }
} catch (e) {
  console.error(String(e.message || e).split("\n")[0]);
  process.exit(1);
}
