// Suggestions from the database: approved groups for a sheet, open sheets for a group. The engine's
// indexes are built once per process and rebuilt only when the data they stand on has changed, so a
// page asks for suggestions in a few milliseconds.
import type { DB } from "../../../db/index";
import type { MatchingSheet } from "../../../db/schema";
import { loadMatchableGroups, type MatchableGroup } from "../groups/queries.server";
import { ProcessCache, tableStamp } from "../search/process-cache.server";
import { loadOpenSheets, tokyoToday } from "../sheets/queries.server";
import { buildGroupIndex, buildSheetIndex, suggestGroups, suggestSheets, type GroupIndex, type SheetIndex } from "./engine";
import type { MatchGroup, MatchSheet, Suggestion } from "./types";

export type NamedSuggestion = Suggestion & { name: string };

/**
 * Per process, per database handle, rebuilt when the groups or the sheets change. Each entry also keeps
 * the suggestions it has answered (a department opens its sheet many times; nothing changes in between),
 * which go with the entry when it is rebuilt.
 */
interface Entry<Index, Item> {
  stamp: string;
  index: Index;
  byId: Map<string, Item>;
  answered: Map<string, NamedSuggestion[]>;
}
const groupIndexes = new ProcessCache<Entry<GroupIndex, MatchGroup>>();
const sheetIndexes = new ProcessCache<Entry<SheetIndex, MatchSheet>>();
/**
 * Answers kept per entry before they are all dropped. An answer with its reasons is 7–18 kB (5 sheets, 10
 * groups), so 5,000 of each could grow a worker by over 100 MB on the big dataset — far more than the
 * indexes keep — while answering again costs 1–2 ms; 500 still keeps the ones opened again and again.
 */
const MAX_ANSWERED = 500;

function remembered(entry: Entry<unknown, unknown>, key: string, compute: () => NamedSuggestion[]): NamedSuggestion[] {
  let answer = entry.answered.get(key);
  if (!answer) {
    if (entry.answered.size >= MAX_ANSWERED) entry.answered.clear();
    answer = compute();
    entry.answered.set(key, answer);
  }
  return answer;
}

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
export function toMatchSheet(
  sheet: Pick<MatchingSheet, "id" | "title" | "background" | "outcomes" | "offer_people" | "offer_places" | "offer_money" | "offer_information"> & {
    department_name: string;
    fields: string[];
    areas: string[];
    forms: string[];
  },
): MatchSheet {
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

async function groupIndexOf(db: DB) {
  const stamp = await tableStamp(db, "groups");
  return groupIndexes.get(db, stamp, async () => {
    const groups = (await loadMatchableGroups(db)).map(toMatchGroup);
    return { stamp, index: buildGroupIndex(groups), byId: new Map(groups.map((g) => [g.id, g])), answered: new Map() };
  });
}

async function sheetIndexOf(db: DB) {
  const today = tokyoToday(); // a window that closes today changes the set without an update
  const stamp = await tableStamp(db, "matching_sheets", today);
  return sheetIndexes.get(db, stamp, async () => {
    const sheets = (await loadOpenSheets(db, today)).map(toMatchSheet);
    return { stamp, index: buildSheetIndex(sheets), byId: new Map(sheets.map((s) => [s.id, s])), answered: new Map() };
  });
}

/**
 * Builds both indexes now rather than on the first suggestion a person asks for (on ten years of a big
 * city's data that first request waited 3–5 s for them, in every worker): each server process calls it
 * once it listens (docs/decisions/0015). Later changes still rebuild on the next request, by the stamps.
 */
export async function warmSuggestionIndexes(db: DB): Promise<void> {
  await groupIndexOf(db);
  await sheetIndexOf(db);
}

/** Approved groups that fit this sheet, best first, with reasons. */
export async function suggestGroupsForSheet(
  db: DB,
  sheet: Parameters<typeof toMatchSheet>[0] & { updated_at: string },
  limit = 10,
): Promise<NamedSuggestion[]> {
  const groups = await groupIndexOf(db);
  return remembered(groups, `${sheet.id}|${sheet.updated_at}|${limit}`, () =>
    suggestGroups(groups.index, toMatchSheet(sheet), limit).map((s) => ({ ...s, name: groups.byId.get(s.id)!.name })),
  );
}

/** Open sheets that fit this approved group, best first, with reasons; empty for a group not approved. */
export async function suggestSheetsForGroup(db: DB, groupId: string, limit = 5): Promise<NamedSuggestion[]> {
  const [groups, sheets] = await Promise.all([groupIndexOf(db), sheetIndexOf(db)]);
  const group = groups.byId.get(groupId);
  if (!group) return [];
  return remembered(sheets, `${groupId}|${groups.stamp}|${limit}`, () =>
    suggestSheets(sheets.index, group, limit).map((s) => ({ ...s, name: sheets.byId.get(s.id)!.title })),
  );
}
