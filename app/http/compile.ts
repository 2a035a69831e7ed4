// Compiles the server's start-up (start.ts and what it imports from app/ and db/) to plain JavaScript in
// build/server/, so production runs `node build/server/start.js` without tsx's loader (docs/decisions/0021).
// Packages stay external (node_modules is read as usual), and the Remix build is not bundled: server.ts
// imports build/index.js at run time, so the routes' modules and their caches exist once a process.
// `npm run build` runs this after `remix build`; the benchmarks run it before they start a server.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const COMPILED_START = path.join(root, "build/server/start.js");

let compiled: Promise<string> | undefined;

/** Compiles once a process (two benchmark servers started together share the result). */
export function compileServer(): Promise<string> {
  return (compiled ??= compile());
}

async function compile(): Promise<string> {
  // The chunks' names carry a hash of their content: the folder is emptied so old ones do not pile up.
  fs.rmSync(path.dirname(COMPILED_START), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { start: "app/http/start.ts" },
    outdir: path.dirname(COMPILED_START),
    bundle: true,
    // primary.ts (migration, demo data, hourly jobs) stays a chunk of its own that a worker never loads.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return COMPILED_START;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`compiled ${path.relative(process.cwd(), await compileServer())}`);
}
