// Seeds the big dataset (tests/bench/dataset.ts) once, to be benchmarked many times:
//   tsx tests/bench/seed-dataset.ts --scale=full                 → data/bench-full.sqlite (replaced)
//   tsx tests/bench/seed-dataset.ts --scale=small --postgres     → database kyodo_bench_small on the
//                                                                  server of TEST_DATABASE_URL (recreated)
//   --out=FILE (SQLite) or --database=NAME (PostgreSQL) seeds a copy elsewhere, to try a change aside.
// Prints where it went and each part's time. The files stay out of the repository (data/ is ignored).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { countsFor, seedDataset } from "./dataset";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const scale = arg("scale") ?? "small";
const counts = countsFor(scale);
const label = String(scale).replace(/[^a-z0-9]/gi, "_");

export async function prepareTarget(postgres: boolean, out?: string, database?: string): Promise<string> {
  if (postgres) {
    const server = process.env.TEST_DATABASE_URL;
    if (!server) throw new Error("--postgres needs TEST_DATABASE_URL (bash tests/postgres.sh start prints one)");
    const name = database ?? `kyodo_bench_${label}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--database=${name}: lower-case letters, digits and _ only`);
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const file = path.resolve(out ?? `data/bench-${label}.sqlite`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `file:${file}`;
}

const url = await prepareTarget(process.argv.includes("--postgres"), arg("out"), arg("database"));
process.env.DATABASE_URL = url;
const { createDb } = await import("../../db/index");
const { migrateToLatest } = await import("../../db/migrate");
const db = createDb(url);
await migrateToLatest(db);
console.log(`seeding scale ${scale} into ${url.replace(/\/\/[^@]*@/, "//")}: ${JSON.stringify(counts)}`);
const started = performance.now();
await seedDataset(db, counts, console.log);
const { optimizeDatabase, engineOf } = await import("../../db/index");
if (engineOf(url) === "sqlite") {
  const { sql } = await import("kysely");
  await sql`analyze`.execute(db);
  await optimizeDatabase(db);
} else {
  const { sql } = await import("kysely");
  await sql`analyze`.execute(db);
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
await db.destroy();
