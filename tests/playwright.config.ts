// End-to-end journeys in a real browser against the built app (run `npm run build` first).
// One server for the whole run, on a fixed port, with a fresh SQLite database and mail outbox.
import { defineConfig, devices } from "@playwright/test";
import { chromiumPath, CHROMIUM_ARGS } from "./e2e/browser";
import { BASE_URL, DATABASE_FILE, OUTBOX_DIR, PORT, ROOT } from "./e2e/env";

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "../test-results/e2e",
  fullyParallel: false,
  // 2 cores: one worker is steadier; E2E_WORKERS=2 works too (the journeys share no accounts) but saves only ~10 s.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "../playwright-report" }]] : "list",
  use: {
    baseURL: BASE_URL,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: "npx tsx tests/e2e/web-server.ts",
    cwd: ROOT,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "test",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${DATABASE_FILE}`,
      MAIL_OUTBOX_DIR: OUTBOX_DIR,
      DEMO_DATA: "on",
      // Mail goes to the outbox, never to a real SMTP server, whatever the caller's environment says.
      SMTP_URL: "",
      // Every journey signs up from the same client address; the per-client limit is for the open internet.
      MAIL_REQUESTS_PER_CLIENT: "1000",
      PORTAL_ORIGIN: "",
    },
  },
});
