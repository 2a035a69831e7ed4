// Reads about groups: the profile, the directory search, the review queue, members, history, and the
// approved groups as plain objects for matching.
import { createHash } from "node:crypto";
import type { DB } from "../../../db/index";
import type { Group, GroupStatus } from "../../../db/schema";
import { now } from "../../../db/values";
import type { GroupSubject, Membership } from "./permissions";
import { ProcessCache, tableStamp } from "../search/process-cache.server";
import { foldedBigrams, searchWords } from "../search/japanese-text";
import type { Activity, GroupProfile } from "./profile";
import type { DirectoryQuery } from "./schema";
import { AREAS, FIELDS } from "../vocabulary";
import { listPage } from "../list-page";

export const PAGE_SIZE = 20;

/** The facts the permission checks need: status and the viewer's membership. Null when no such group. */
export async function loadGroupSubject(db: DB, id: string, viewerId: string | null): Promise<GroupSubject | null> {
  const group = await db.selectFrom("groups").where("id", "=", id).select(["id", "status"]).executeTakeFirst();
  if (!group) return null;
  let membership: Membership = null;
  if (viewerId) {
    const row = await db
      .selectFrom("group_members")
      .where("group_id", "=", id)
      .where("user_id", "=", viewerId)
      .select("role")
      .executeTakeFirst();
    membership = row?.role ?? null;
  }
  return { kind: "group", id: group.id, status: group.status, membership };
}

function toProfile(row: Group, fields: string[], areas: string[], activities: Activity[]): GroupProfile {
  return {
    id: row.id,
    name: row.name,
    nameKana: row.name_kana,
    status: row.status,
    statusReason: row.status_reason,
    legalForm: row.legal_form,
    actorType: row.actor_type,
    fields,
    areas,
    foundedYear: row.founded_year === null ? null : Number(row.founded_year),
    foundedMonth: row.founded_month === null ? null : Number(row.founded_month),
    memberCount: row.member_count === null ? null : Number(row.member_count),
    representativeName: row.representative_name,
    email: { value: row.email, visibility: row.email_visibility },
    phone: { value: row.phone, visibility: row.phone_visibility },
    address: { value: row.address, visibility: row.address_visibility },
    website: { value: row.website, visibility: row.website_visibility },
    mission: row.mission,
    wishes: row.wishes,
    pastCollaboration: row.past_collaboration,
    activities,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The whole profile (every contact included: callers pass it through `visibleProfile`). */
export async function loadGroupProfile(db: DB, id: string): Promise<GroupProfile | null> {
  const row = await db.selectFrom("groups").where("id", "=", id).selectAll().executeTakeFirst();
  if (!row) return null;
  const [fields, areas, activities] = await Promise.all([
    db.selectFrom("group_fields").where("group_id", "=", id).select("field").execute(),
    db.selectFrom("group_areas").where("group_id", "=", id).select("area").execute(),
    db
      .selectFrom("group_activities")
      .where("group_id", "=", id)
      .select(["fiscal_year", "title", "description"])
      .orderBy("position")
      .execute(),
  ]);
  return toProfile(
    row,
    sortFields(fields.map((f) => f.field)),
    sortAreas(areas.map((a) => a.area)),
    activities.map((a) => ({ fiscalYear: a.fiscal_year === null ? null : Number(a.fiscal_year), title: a.title, description: a.description })),
  );
}

const fieldOrder = new Map<string, number>(FIELDS.codes.map((code, i) => [code, i]));
const areaOrder = new Map<string, number>(AREAS.codes.map((code, i) => [code, i]));
const inOrder = (order: Map<string, number>) => (codes: string[]) =>
  [...codes].sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99));
/** Fields in the NPO law's order and areas in the vocabulary's, as the forms list them. */
const sortFields = inOrder(fieldOrder);
const sortAreas = inOrder(areaOrder);

export interface DirectoryEntry {
  id: string;
  name: string;
  nameKana: string;
  legalForm: string | null;
  /** The mission's first MISSION_EXCERPT characters (with … when cut): the page shows no more. */
  mission: string | null;
  fields: string[];
  areas: string[];
}

export const MISSION_EXCERPT = 120;

export interface DirectoryPage {
  groups: DirectoryEntry[];
  total: number;
  page: number;
  pageCount: number;
}

/** What the directory filters and orders by, for every approved group, held in the server process. */
interface DirectoryItem {
  id: string;
  searchText: string;
  legalForm: string | null;
  fields: Set<string>;
  areas: Set<string>;
}

/** The approved groups in kana order, and for each character bigram the (ascending) positions of the groups whose text holds it. */
interface Directory {
  items: DirectoryItem[];
  postings: Map<string, number[]>;
}

const directories = new ProcessCache<Directory>();

/** Approved groups in kana order, with their folded text and codes; rebuilt when any group changes. */
async function directoryOf(db: DB): Promise<Directory> {
  return directories.get(db, await tableStamp(db, "groups"), async () => {
    const [groups, fieldRows, areaRows] = await Promise.all([
      db
        .selectFrom("groups")
        .where("status", "=", "approved")
        .select(["id", "name", "name_kana", "legal_form", "search_text"])
        .execute(),
      db.selectFrom("group_fields").select(["group_id", "field"]).execute(),
      db.selectFrom("group_areas").select(["group_id", "area"]).execute(),
    ]);
    const fields = groupBy(fieldRows, (r) => r.group_id);
    const areas = groupBy(areaRows, (r) => r.group_id);
    // Ordered in JavaScript, so both engines (and any PostgreSQL collation) give the same order.
    const byKana = (a: (typeof groups)[number], b: (typeof groups)[number]) =>
      a.name_kana < b.name_kana ? -1 : a.name_kana > b.name_kana ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1;
    const items = groups.sort(byKana).map((g) => ({
      id: g.id,
      searchText: g.search_text,
      legalForm: g.legal_form,
      fields: new Set((fields.get(g.id) ?? []).map((r) => r.field)),
      areas: new Set((areas.get(g.id) ?? []).map((r) => r.area)),
    }));
    const postings = new Map<string, number[]>();
    items.forEach((item, position) => {
      for (const bigram of foldedBigrams(item.searchText)) {
        const list = postings.get(bigram);
        if (list) list.push(position);
        else postings.set(bigram, [position]);
      }
    });
    return { items, postings };
  });
}

/** Positions of the groups whose text contains every word: bigram lists narrow, `includes` confirms. */
function candidates({ items, postings }: Directory, words: string[]): number[] {
  let positions: number[] | null = null;
  for (const word of words) {
    if (word.length < 2) continue;
    for (const bigram of foldedBigrams(word)) {
      const list = postings.get(bigram) ?? [];
      positions = positions === null ? list : intersect(positions, list);
    }
  }
  const all = positions ?? items.map((_, position) => position);
  // A two-character word is its own bigram, so its list is already exact; longer words need a check.
  const toCheck = words.filter((word) => word.length !== 2);
  return toCheck.length ? all.filter((position) => toCheck.every((word) => items[position].searchText.includes(word))) : all;
}

function intersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

/**
 * Approved groups matching the words (substring of the folded text, so 子育 finds 子育て支援) and the
 * filters, 20 a page in kana order. The matching runs over the in-process directory (docs/decisions/0004);
 * only the page's 20 groups are read from the database.
 */
export async function searchGroups(db: DB, query: DirectoryQuery): Promise<DirectoryPage> {
  const directory = await directoryOf(db);
  const matches = candidates(directory, searchWords(query.q ?? ""))
    .map((position) => directory.items[position])
    .filter(
      (item) =>
        (!query.field || item.fields.has(query.field)) &&
        (!query.area || item.areas.has(query.area)) &&
        (!query.legalForm || item.legalForm === query.legalForm),
    );
  const total = matches.length;
  const { page, pageCount, limit, offset } = listPage(total, query.page, PAGE_SIZE);
  const onPage = matches.slice(offset, offset + limit);
  const ids = onPage.map((item) => item.id);
  const rows = ids.length
    ? await db.selectFrom("groups").where("id", "in", ids).select(["id", "name", "name_kana", "legal_form", "mission"]).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    groups: onPage.flatMap((item) => {
      const r = byId.get(item.id);
      if (!r) return []; // removed since the list was built
      return [
        {
          id: r.id,
          name: r.name,
          nameKana: r.name_kana,
          legalForm: r.legal_form,
          mission: r.mission && r.mission.length > MISSION_EXCERPT ? `${r.mission.slice(0, MISSION_EXCERPT)}…` : r.mission,
          fields: sortFields([...item.fields]),
          areas: sortAreas([...item.areas]),
        },
      ];
    }),
    total,
    page,
    pageCount,
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export interface MatchableGroup {
  id: string;
  name: string;
  fields: string[];
  areas: string[];
  legalForm: string | null;
  mission: string | null;
  wishes: string | null;
  pastCollaboration: string | null;
  activities: Activity[];
  updatedAt: string;
}

/** Every approved group as a plain object, for matching. Four queries, whatever the number of groups. */
export async function loadMatchableGroups(db: DB): Promise<MatchableGroup[]> {
  const [groups, fieldRows, areaRows, activityRows] = await Promise.all([
    db
      .selectFrom("groups")
      .where("status", "=", "approved")
      .select(["id", "name", "legal_form", "mission", "wishes", "past_collaboration", "updated_at"])
      .orderBy("name_kana")
      .execute(),
    db
      .selectFrom("group_fields")
      .innerJoin("groups", "groups.id", "group_fields.group_id")
      .where("groups.status", "=", "approved")
      .select(["group_fields.group_id", "group_fields.field"])
      .orderBy("group_fields.field")
      .execute(),
    db
      .selectFrom("group_areas")
      .innerJoin("groups", "groups.id", "group_areas.group_id")
      .where("groups.status", "=", "approved")
      .select(["group_areas.group_id", "group_areas.area"])
      .orderBy("group_areas.area")
      .execute(),
    db
      .selectFrom("group_activities")
      .innerJoin("groups", "groups.id", "group_activities.group_id")
      .where("groups.status", "=", "approved")
      .select(["group_activities.group_id", "group_activities.fiscal_year", "group_activities.title", "group_activities.description"])
      .orderBy("group_activities.group_id")
      .orderBy("group_activities.position")
      .execute(),
  ]);
  const fields = groupBy(fieldRows, (r) => r.group_id);
  const areas = groupBy(areaRows, (r) => r.group_id);
  const activities = groupBy(activityRows, (r) => r.group_id);
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    fields: sortFields((fields.get(g.id) ?? []).map((r) => r.field)),
    areas: sortAreas((areas.get(g.id) ?? []).map((r) => r.area)),
    legalForm: g.legal_form,
    mission: g.mission,
    wishes: g.wishes,
    pastCollaboration: g.past_collaboration,
    activities: (activities.get(g.id) ?? []).map((a) => ({
      fiscalYear: a.fiscal_year === null ? null : Number(a.fiscal_year),
      title: a.title,
      description: a.description,
    })),
    updatedAt: g.updated_at,
  }));
}

export interface ReviewItem {
  id: string;
  name: string;
  nameKana: string;
  status: GroupStatus;
  statusReason: string | null;
  legalForm: string | null;
  createdAt: string;
  updatedAt: string;
  reviewedAt: string | null;
}

export const REVIEW_GROUPS_PER_PAGE = 50;

/**
 * One page of the review queue: groups in one status, oldest first (pending, the longest waiting) or newest
 * first (others), with the total — thousands of approved groups after ten years (issue 14); it used to stop
 * at 500 without saying so. A page past the end shows the last. Ties follow the id in the same direction,
 * so the index `groups(status, updated_at, id)` gives a page in its exact order either way. `counts`: how
 * many groups are in each status (the queue's tabs), counted once, the total among them.
 */
export async function listGroupsForReview(db: DB, status: GroupStatus, requestedPage = 1) {
  const counts = await countGroupsByStatus(db);
  const total = counts[status];
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, REVIEW_GROUPS_PER_PAGE);
  const direction = status === "pending" ? "asc" : "desc";
  const rows = await db
    .selectFrom("groups")
    .where("status", "=", status)
    .select(["id", "name", "name_kana", "status", "status_reason", "legal_form", "created_at", "updated_at", "reviewed_at"])
    .orderBy("updated_at", direction)
    .orderBy("id", direction)
    .limit(limit)
    .offset(offset)
    .execute();
  const items: ReviewItem[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    nameKana: r.name_kana,
    status: r.status,
    statusReason: r.status_reason,
    legalForm: r.legal_form,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    reviewedAt: r.reviewed_at,
  }));
  return { rows: items, total, page, pageCount, counts };
}

async function countGroupsByStatus(db: DB): Promise<Record<GroupStatus, number>> {
  const rows = await db
    .selectFrom("groups")
    .select(["status", (eb) => eb.fn.countAll().as("n")])
    .groupBy("status")
    .execute();
  const counts: Record<GroupStatus, number> = { pending: 0, approved: 0, rejected: 0, suspended: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function listMembers(db: DB, groupId: string) {
  return db
    .selectFrom("group_members")
    .innerJoin("users", "users.id", "group_members.user_id")
    .where("group_members.group_id", "=", groupId)
    .select(["users.id", "users.display_name as displayName", "users.email", "group_members.role", "group_members.joined_at as joinedAt"])
    .orderBy("group_members.joined_at")
    .execute();
}

export async function listOpenInvites(db: DB, groupId: string) {
  return db
    .selectFrom("group_invites")
    .where("group_id", "=", groupId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now())
    .select(["email", "created_at as createdAt", "expires_at as expiresAt"])
    .orderBy("created_at", "desc")
    .execute();
}

export const CHANGES_PER_PAGE = 50;

/**
 * One page of a group's history, newest change first, with the total (a group edited for years has
 * thousands; the list used to stop at 500 without saying so). Ties in the order's direction, so the index
 * `group_changes(group_id, changed_at, id)` read backwards gives the page. A page past the end shows the last.
 */
export async function listChanges(db: DB, groupId: string, requestedPage = 1) {
  const { n } = await db.selectFrom("group_changes").where("group_id", "=", groupId).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, CHANGES_PER_PAGE);
  const rows = await db
    .selectFrom("group_changes")
    .leftJoin("users", "users.id", "group_changes.changed_by")
    .where("group_changes.group_id", "=", groupId)
    .select([
      "group_changes.id",
      "group_changes.changed_at as changedAt",
      "group_changes.fields",
      "group_changes.summary",
      "users.display_name as changedBy",
    ])
    .orderBy("group_changes.changed_at", "desc")
    .orderBy("group_changes.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows: rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as string[] })), total, page, pageCount };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** An unused, unexpired invitation and the name of its group. */
export async function findInvite(db: DB, token: string) {
  return (
    (await db
      .selectFrom("group_invites")
      .innerJoin("groups", "groups.id", "group_invites.group_id")
      .where("group_invites.token_hash", "=", hashInviteToken(token))
      .where("group_invites.accepted_at", "is", null)
      .where("group_invites.expires_at", ">", now())
      .select(["group_invites.group_id as groupId", "groups.name as groupName", "group_invites.email"])
      .executeTakeFirst()) ?? null
  );
}

/** The groups an account belongs to, by name, with their status (to propose, only approved ones may). */
export async function groupsOfMember(db: DB, userId: string) {
  return db
    .selectFrom("groups")
    .innerJoin("group_members", "group_members.group_id", "groups.id")
    .where("group_members.user_id", "=", userId)
    .select(["groups.id", "groups.name", "groups.status"])
    .orderBy("groups.name")
    .execute();
}

export async function groupName(db: DB, groupId: string): Promise<string> {
  return (await db.selectFrom("groups").where("id", "=", groupId).select("name").executeTakeFirstOrThrow()).name;
}
