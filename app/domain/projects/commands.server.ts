// Collaboration projects (協働事業): created by an award, then agreement, reports, evaluation, evidence.
import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";

/**
 * The project an award creates, at the publication of its call's decisions (once: a second call for
 * the same proposal returns the existing project). `amounts` are the award in yen by project year.
 */
export async function createProjectForAward(trx: DB, proposalId: string, amounts: readonly number[]): Promise<string> {
  const existing = await trx.selectFrom("projects").where("proposal_id", "=", proposalId).select("id").executeTakeFirst();
  if (existing) return existing.id;
  const proposal = await trx
    .selectFrom("proposals")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .leftJoin("projects as previous", "previous.id", "proposals.renewal_of_project_id")
    .where("proposals.id", "=", proposalId)
    .select(["proposals.call_id", "proposals.group_id", "proposals.title", "proposals.renewal_of_project_id", "calls.fiscal_year", "previous.project_year as previous_year", "previous.total_years as previous_total"])
    .executeTakeFirstOrThrow();
  const id = newId();
  const stamp = now();
  await trx
    .insertInto("projects")
    .values({
      id,
      proposal_id: proposalId,
      call_id: proposal.call_id,
      group_id: proposal.group_id,
      title: proposal.title,
      fiscal_year: proposal.fiscal_year,
      project_year: (proposal.previous_year ?? 0) + 1,
      total_years: Math.max(amounts.length, proposal.previous_total ?? 1, 1),
      amounts: JSON.stringify(amounts),
      renewal_of_project_id: proposal.renewal_of_project_id,
      agreement_number: null,
      group_confirmed_by: null,
      group_confirmed_at: null,
      city_confirmed_by: null,
      city_confirmed_at: null,
      ended_at: null,
      ended_reason: null,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return id;
}
