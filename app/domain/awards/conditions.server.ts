// The conditions of a conditional adoption (条件付き採択), as other areas need them.
import type { DB } from "../../../db/index";

/** Conditions not yet confirmed: the agreement cannot be concluded while any is open. */
export async function openConditionCount(db: DB, proposalId: string): Promise<number> {
  const row = await db
    .selectFrom("decision_conditions")
    .where("proposal_id", "=", proposalId)
    .where("status", "!=", "confirmed")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
