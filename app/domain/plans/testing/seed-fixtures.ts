// Test-only access to the seed documents copied into tests/fixtures/seeds (CI has no ../shared).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SEED_FILES = {
  /** 白井市 市民参加・協働のまちづくりプラン 進捗一覧 (with <ul> bullets). */
  shiroi: "000_74861bb8ecea7f00.txt",
  /** The same progress list, rendering dated 平成30年7月 (mixed bullets, a leaked header row). */
  shiroiDated: "001_00b55aba7919c995.txt",
  /** 山口市協働推進プラン (本編 + 実行計画). */
  yamaguchi: "002_c6f7c75fd7178157.txt",
  /** 第1期指針 具体施策の進捗状況一覧 (tier table). */
  tierTable: "004_77c9cadea00771e0.txt",
} as const;

export type SeedName = keyof typeof SEED_FILES;

export function readSeed(name: SeedName): string {
  const url = new URL(`../../../../tests/fixtures/seeds/${SEED_FILES[name]}`, import.meta.url);
  return readFileSync(fileURLToPath(url), "utf8");
}
