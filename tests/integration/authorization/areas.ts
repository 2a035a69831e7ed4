// Every area's routes in one table, for the authorization test and the hostile-input corpus.
import { awards } from "./awards";
import { calls } from "./calls";
import { core } from "./core";
import { groups } from "./groups";
import { plans } from "./plans";
import { projects } from "./projects";
import { proposals } from "./proposals";
import { reviews } from "./reviews";
import { sheets } from "./sheets";
import { getDb } from "../../../db/index";
import { createUser } from "../harness";
import { EVERYONE, type AreaTable, type Outcome, type RouteRow, type Rule, type Who } from "./table";

export const AREAS: AreaTable[] = [core, groups, sheets, plans, calls, proposals, reviews, awards, projects];
export const ROUTES: Record<string, RouteRow> = Object.assign({}, ...AREAS.map((area) => area.routes));

export function expected(rule: Rule, who: Who): Outcome {
  // An account whose address is not yet confirmed gets nothing but the confirmation pages.
  if (who === "unconfirmed") return typeof rule === "string" ? "confirm" : (rule.unconfirmed ?? "confirm");
  if (typeof rule === "string") return rule;
  return rule[who] ?? rule.others;
}

/** One user per kind of visitor: a user holding only that role, and a group member not yet confirmed. */
export async function usersForEveryone(): Promise<Map<Who, string>> {
  const users = new Map<Who, string>();
  for (const who of EVERYONE) {
    if (who === "anonymous") continue;
    const user = await createUser([who === "unconfirmed" ? "group_member" : who]);
    if (who === "unconfirmed") await getDb().updateTable("users").set({ email_confirmed_at: null }).where("id", "=", user.id).execute();
    users.set(who, user.id);
  }
  return users;
}
