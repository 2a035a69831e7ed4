// Suggestions from the database: approved groups for a sheet, open sheets for a group. The engine's
// indexes are built once per process and rebuilt only when the data they stand on has changed (a cheap
// count-and-latest-update query per request), so a page asks for suggestions in a few milliseconds.
import type { DB } from "../../../db/index";
import { loadMatchableGroups, type MatchableGroup } from "../groups/queries.server";
import { loadOpenSheets, tokyoToday } from "../sheets/queries.server";
import { buildGroupIndex, buildSheetIndex, suggestGroups, suggestSheets, type GroupIndex, type SheetIndex } from "./engine";
import type { MatchGroup, MatchSheet, Suggestion } from "./types";

interface Cached<Index, Item> {
  stamp: string;
  built: Promise<{ index: Index; byId: Map<string, Item> }>;
}

// Per database handle (tests use several), per process.
const groupIndexes = new WeakMap<DB, Cached<GroupIndex, MatchGroup>>();
const sheetIndexes = new WeakMap<DB, Cached<SheetIndex, MatchSheet>>();

export function toMatchGroup(group: MatchableGroup): MatchGroup {
  return {
    id: group.id,
    name: group.name,
    legalForm: group.legalForm ?? "",
    fields: group.fields,
    areas: group.areas,
    mission: group.mission ?? "",
    wishes: group.wishes ?? "",
    pastCollaboration: group.pastCollaboration ?? "",
    activities: group.activities.map((a) => ({ fiscalYear: a.fiscalYear, title: a.title, description: a.description ?? "" })),
  };
}

/** A sheet row (with its codes and department name) as the engine sees it. */
export function toMatchSheet(sheet: {
  id: string;
  title: string;
  department_name: string;
  fields: string[];
  areas: string[];
  forms: string[];
  background: string;
  outcomes: string;
  offer_people: string;
  offer_places: string;
  offer_money: string;
  offer_information: string;
}): MatchSheet {
  return {
    id: sheet.id,
    title: sheet.title,
    departmentName: sheet.department_name,
    fields: sheet.fields,
    areas: sheet.areas,
    forms: sheet.forms,
    background: sheet.background,
    outcomes: sheet.outcomes,
    offer: [sheet.offer_people, sheet.offer_places, sheet.offer_money, sheet.offer_information].filter(Boolean).join("\n"),
  };
}

/** Changes when a row is added, removed or updated (status changes update `updated_at` too). */
async function stampOf(db: DB, table: "groups" | "matching_sheets", extra = ""): Promise<string> {
  const row = await db
    .selectFrom(table)
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("updated_at").as("latest")])
    .executeTakeFirstOrThrow();
  return `${row.n}|${row.latest ?? ""}|${extra}`;
}

/** The cached entry when its stamp still holds; otherwise one rebuild, shared by concurrent callers. */
async function current<Index, Item>(
  cache: WeakMap<DB, Cached<Index, Item>>,
  db: DB,
  stamp: string,
  build: () => Promise<{ index: Index; byId: Map<string, Item> }>,
) {
  let entry = cache.get(db);
  if (!entry || entry.stamp !== stamp) {
    entry = { stamp, built: build() };
    cache.set(db, entry);
    entry.built.catch(() => cache.delete(db));
  }
  return entry.built;
}

async function groupIndexOf(db: DB) {
  return current(groupIndexes, db, await stampOf(db, "groups"), async () => {
    const groups = (await loadMatchableGroups(db)).map(toMatchGroup);
    return { index: buildGroupIndex(groups), byId: new Map(groups.map((g) => [g.id, g])) };
  });
}

async function sheetIndexOf(db: DB) {
  const today = tokyoToday(); // a window that closes today changes the set without an update
  return current(sheetIndexes, db, await stampOf(db, "matching_sheets", today), async () => {
    const sheets = (await loadOpenSheets(db, today)).map(toMatchSheet);
    return { index: buildSheetIndex(sheets), byId: new Map(sheets.map((s) => [s.id, s])) };
  });
}

export type NamedSuggestion = Suggestion & { name: string };

/** Approved groups that fit this sheet, best first, with reasons. */
export async function suggestGroupsForSheet(db: DB, sheet: Parameters<typeof toMatchSheet>[0], limit = 10): Promise<NamedSuggestion[]> {
  const { index, byId } = await groupIndexOf(db);
  return suggestGroups(index, toMatchSheet(sheet), limit).map((s) => ({ ...s, name: byId.get(s.id)!.name }));
}

/** Open sheets that fit this approved group, best first, with reasons; empty for a group not approved. */
export async function suggestSheetsForGroup(db: DB, groupId: string, limit = 5): Promise<NamedSuggestion[]> {
  const [{ byId: groups }, { index, byId: sheets }] = await Promise.all([groupIndexOf(db), sheetIndexOf(db)]);
  const group = groups.get(groupId);
  if (!group) return [];
  return suggestSheets(index, group, limit).map((s) => ({ ...s, name: sheets.get(s.id)!.title }));
}
