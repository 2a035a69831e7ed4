// The e2e server: wipes the e2e data folder (fresh SQLite file, empty mail outbox), then runs the
// ordinary start-up (app/http/start.ts: migrate, load the demo data, listen on PORT).
// Run by config.webServer as `npx tsx tests/e2e/web-server.ts`; DATABASE_URL, MAIL_OUTBOX_DIR and
// PORT come from the config's webServer.env.
import fs from "node:fs";
import { BUILD_MISSING_MESSAGE, DATA_DIR, OUTBOX_DIR, SERVER_BUILD } from "./env";

if (!fs.existsSync(SERVER_BUILD)) {
  console.error(BUILD_MISSING_MESSAGE);
  process.exit(1);
}

fs.rmSync(DATA_DIR, { recursive: true, force: true });
fs.mkdirSync(OUTBOX_DIR, { recursive: true });

await import("../../app/http/start");
