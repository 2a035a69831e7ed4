// The stylesheet's colours, read from portal.css itself: the focus ring shows on every background the
// page paints (WCAG 2.1 1.4.11: ≥ 3:1 against what is next to it).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contrastRatio, relativeLuminance } from "./contrast";

const css = fs.readFileSync(path.join(import.meta.dirname, "portal.css"), "utf8");

function customProperties(): Record<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
  return Object.fromEntries([...root.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const vars = customProperties();
const resolve = (value: string) => value.replace(/var\(--([\w-]+)\)/, (_, name: string) => vars[name] ?? value);

/** Every solid background colour the stylesheet paints (hex, directly or through a custom property). */
function backgrounds(): string[] {
  const found = [...css.matchAll(/background(?:-color)?:\s*(#[0-9a-f]{3,6}|var\(--[\w-]+\))/gi)].map((m) => resolve(m[1]!));
  return [...new Set([vars.bg!, ...found.filter((c) => c.startsWith("#"))])];
}

describe("the focus ring", () => {
  it("is drawn with the two colours of portal.css", () => {
    expect(css).toMatch(/:focus-visible\s*\{[^}]*outline:\s*3px solid var\(--focus\)[^}]*box-shadow:[^}]*var\(--focus-halo\)/);
  });

  const light = backgrounds().filter((c) => relativeLuminance(c) >= 0.4);
  const dark = backgrounds().filter((c) => relativeLuminance(c) < 0.4);

  it("finds the page's backgrounds to check against", () => {
    expect(light).toEqual(expect.arrayContaining(["#ffffff", "#f3f5f8"]));
    expect(dark).toContain(vars["brand-dark"]);
  });

  it.each(light)("its ring has at least 3:1 against the light background %s", (background) => {
    expect(contrastRatio(vars.focus!, background)).toBeGreaterThanOrEqual(3);
  });

  it.each(dark)("its halo has at least 3:1 against the dark background %s", (background) => {
    expect(contrastRatio(vars["focus-halo"]!, background)).toBeGreaterThanOrEqual(3);
  });
});
