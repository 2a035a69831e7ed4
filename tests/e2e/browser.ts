// Which Chromium the suite drives. Playwright's own browser download does not work on these machines;
// we use the distribution's chromium instead.
//
// The config calls chromiumPath() when it loads, before global setup has had a chance to install
// anything, so chromiumPath() returns the path that WILL exist after global setup's install: the
// first candidate that exists, or else where Debian's package puts the binary.
import fs from "node:fs";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_CANDIDATES = [DEBIAN_CHROMIUM, "/usr/bin/chromium-browser"];

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** An existing Chromium binary, or null. CHROMIUM_PATH, when set, is the only one considered. */
export function findChromium(): string | null {
  const override = process.env.CHROMIUM_PATH;
  if (override) return fs.existsSync(override) ? override : null;
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** The executable the config hands to Playwright (existing now, or after global setup installs it). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || findChromium() || DEBIAN_CHROMIUM;
}
