// Where the end-to-end server listens and keeps its state. Shared by the config, the server wrapper,
// global setup and the tests. No side effects: the config (and so this file) is loaded by every worker.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${PORT}`;
/** Deleted and recreated by web-server.ts on every run: a fresh database and an empty outbox. */
export const DATA_DIR = path.join(ROOT, "data", "e2e-playwright");
export const DATABASE_FILE = path.join(DATA_DIR, "portal.sqlite");
export const OUTBOX_DIR = path.join(DATA_DIR, "outbox");
export const SERVER_BUILD = path.join(ROOT, "build", "index.js");
export const BUILD_MISSING_MESSAGE =
  `E2E: the Remix build is missing (${SERVER_BUILD}). Run \`npm run build\` first ` +
  "(`npm test` builds before the e2e suite).";

/** Every demo account shares this password (db/demo.ts). */
export const DEMO_PASSWORD = "kyodo-demo-2026";
