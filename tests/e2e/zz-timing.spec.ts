import { test } from "@playwright/test";
test("timing", async ({ page }) => {
  let t = Date.now();
  await page.goto("/login"); console.log("goto1", Date.now() - t); t = Date.now();
  await page.goto("/"); console.log("goto2", Date.now() - t); t = Date.now();
  await page.goto("/signup", { waitUntil: "domcontentloaded" }); console.log("goto3 dcl", Date.now() - t);
});
test("timing2", async ({ page }) => {
  let t = Date.now();
  await page.goto("/login"); console.log("goto1", Date.now() - t);
});
