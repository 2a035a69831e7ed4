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
import type { AreaTable, Outcome, RouteRow, Rule, Who } from "./table";

export const AREAS: AreaTable[] = [core, groups, sheets, plans, calls, proposals, reviews, awards, projects];
export const ROUTES: Record<string, RouteRow> = Object.assign({}, ...AREAS.map((area) => area.routes));

export function expected(rule: Rule, who: Who): Outcome {
  if (typeof rule === "string") return rule;
  return rule[who] ?? rule.others;
}
