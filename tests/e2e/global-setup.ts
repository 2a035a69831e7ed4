// Runs once before any browser starts: checks the Remix build exists and makes sure a Chromium is there,
// installing Debian's package when we are root on Debian.
//
// Note: Playwright starts config.webServer BEFORE global setup, so web-server.ts checks the build too
// (and prints the same message) — otherwise a missing build would only show up as a server crash.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromiumPath, CHROMIUM_CANDIDATES, DEBIAN_CHROMIUM, findChromium } from "./browser";
import { BUILD_MISSING_MESSAGE, SERVER_BUILD } from "./env";

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;

  const override = process.env.CHROMIUM_PATH;
  if (override) {
    throw new Error(`E2E: CHROMIUM_PATH is set to ${override}, but no file exists there. Point it at a Chromium/Chrome binary or unset it.`);
  }

  const debian = fs.existsSync("/etc/debian_version");
  if (debian && isRoot()) {
    console.log(`E2E: no Chromium found (${CHROMIUM_CANDIDATES.join(", ")}); installing Debian's chromium package…`);
    execSync("apt-get update && apt-get install -y chromium", {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    const installed = findChromium();
    if (installed && installed === chromiumPath()) return installed;
    throw new Error(
      `E2E: apt-get installed chromium, but ${DEBIAN_CHROMIUM} still does not exist. Set CHROMIUM_PATH to the Chromium binary.`,
    );
  }
  if (debian) {
    throw new Error(
      "E2E: Chromium is not installed. Install it with `sudo apt-get update && sudo apt-get install -y chromium`, " +
        "or set CHROMIUM_PATH to a Chromium/Chrome binary. (`npx playwright install` cannot download browsers here.)",
    );
  }
  throw new Error(
    `E2E: Chromium was not found at ${CHROMIUM_CANDIDATES.join(" or ")}. Install Chromium with your system's package manager ` +
      "(e.g. `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
}

export default async function globalSetup() {
  if (!fs.existsSync(SERVER_BUILD)) throw new Error(BUILD_MISSING_MESSAGE);
  const browser = ensureChromium();
  console.log(`E2E: using Chromium at ${browser}`);
}
