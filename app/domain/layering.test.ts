// The domain sits below the guards: an area owns its actions (permissions.ts) but never imports the
// permission dispatcher, the guards or the record guards back (decision 0019). This keeps it so.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const domain = path.dirname(fileURLToPath(import.meta.url));
const ABOVE_THE_DOMAIN = /from\s+"[^"]*\bauth\/(permissions|guards\.server|access\/[^"]*)"/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("app/domain", () => {
  it("imports neither the permission dispatcher nor the guards", () => {
    const offenders = sources(domain)
      .filter((file) => file !== fileURLToPath(import.meta.url))
      .filter((file) => ABOVE_THE_DOMAIN.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(domain, file));
    expect(offenders).toEqual([]);
  });

  it("finds an offender when there is one (the check can fail)", () => {
    expect(ABOVE_THE_DOMAIN.test('import { can } from "../../auth/permissions";')).toBe(true);
    expect(ABOVE_THE_DOMAIN.test('import { authorize } from "~/auth/guards.server";')).toBe(true);
    expect(ABOVE_THE_DOMAIN.test('import { loadCallFor } from "~/auth/access/calls.server";')).toBe(true);
    expect(ABOVE_THE_DOMAIN.test('import type { Viewer } from "../../auth/viewer";')).toBe(false);
  });
});
