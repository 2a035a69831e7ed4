// Two suites: `unit` (pure code beside the sources, app/**/*.test.ts) and `integration` (tests/integration,
// a fresh database per test file, against the built server; PostgreSQL too when TEST_DATABASE_URL is set).
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "db/**/*.test.ts"],
          env: { NODE_ENV: "test" },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          env: { NODE_ENV: "test", SESSION_IDLE_MINUTES: "120", SESSION_ABSOLUTE_HOURS: "12" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
