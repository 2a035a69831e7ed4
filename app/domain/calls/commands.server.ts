// Writing calls for proposals: the coordinator creates, edits and publishes a call. After the first
// proposal is submitted (first_submitted_at) the rubric and rules are frozen; only the title and the
// description may still be corrected. One transaction each, every change in the audit log.
import type { DB } from "../../../db/index";
import type { CallStatus } from "../../../db/schema";
import { newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { recordAudit } from "../audit/commands.server";
import { FROZEN_REASON, isFrozen } from "./rules";
import { frozenPart, storedFrozenPart, type CallInput } from "./schema";
import type { CallDetail } from "./queries.server";

/** A change the call's rules refuse; `problems` are messages by field, `reason` one for the whole form. */
export class CallRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
  ) {
    super(reason);
  }
}

function callColumns(input: CallInput) {
  return {
    fiscal_year: input.fiscalYear,
    type: input.type,
    title: input.title,
    description: input.description,
    min_members: input.minMembers,
    min_years_active: input.minYearsActive,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    grace_minutes: input.graceMinutes,
    budget_cap_per_proposal: input.budgetCapPerProposal,
    budget_cap_total: input.budgetCapTotal,
    city_share_by_year: JSON.stringify(input.cityShareByYear),
    required_attachments: JSON.stringify(input.requiredAttachments),
    stages: JSON.stringify(input.stages),
  };
}

/** A government call's sheets must be published sheets (checked inside the transaction). */
async function requirePublishedSheets(trx: DB, sheetIds: string[]) {
  if (sheetIds.length === 0) return;
  const found = await trx.selectFrom("matching_sheets").where("id", "in", sheetIds).where("status", "=", "published").select("id").execute();
  if (found.length !== sheetIds.length) {
    throw new CallRefusedError("選んだマッチングシートの一部が公開されていません。", {
      sheetIds: ["公開中のマッチングシートから選んでください"],
    });
  }
}

async function writeSheetsAndCriteria(trx: DB, callId: string, input: CallInput) {
  await trx.deleteFrom("call_sheets").where("call_id", "=", callId).execute();
  await trx.deleteFrom("call_criteria").where("call_id", "=", callId).execute();
  if (input.sheetIds.length) await trx.insertInto("call_sheets").values(input.sheetIds.map((sheet_id) => ({ call_id: callId, sheet_id }))).execute();
  await trx
    .insertInto("call_criteria")
    .values(
      input.criteria.map((c, position) => ({ id: newId(), call_id: callId, position, name: c.name, description: c.description, max_points: c.maxPoints, weight: c.weight })),
    )
    .execute();
}

/** A new call: a draft, or published at once when `intent` is publish. */
export async function createCall(db: DB, viewer: Viewer, input: CallInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await requirePublishedSheets(trx, input.sheetIds);
    const id = newId();
    const at = now();
    const status: CallStatus = input.intent === "publish" ? "published" : "draft";
    await trx
      .insertInto("calls")
      .values({
        id,
        ...callColumns(input),
        status,
        first_submitted_at: null,
        published_at: status === "published" ? at : null,
        created_by: viewer.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await writeSheetsAndCriteria(trx, id, input);
    await recordAudit(trx, { actorId: viewer.id, action: "call.create", subjectType: "call", subjectId: id, detail: { title: input.title, status } });
    return id;
  });
}

/**
 * Saves the call; `intent: publish` on a draft publishes it. Once frozen, any change other than the
 * title and the description is refused with FROZEN_REASON (the freeze is re-read inside the transaction,
 * so a proposal submitted meanwhile still wins).
 */
export async function updateCall(db: DB, viewer: Viewer, call: CallDetail, input: CallInput): Promise<CallStatus> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("calls").where("id", "=", call.id).select(["status", "first_submitted_at"]).executeTakeFirstOrThrow();
    const frozen = isFrozen(current);
    if (frozen && frozenPart(input) !== storedFrozenPart(call)) throw new CallRefusedError(FROZEN_REASON);
    const publishing = current.status === "draft" && input.intent === "publish";
    const status: CallStatus = publishing ? "published" : current.status;
    const at = now();
    if (frozen) {
      await trx.updateTable("calls").set({ title: input.title, description: input.description, updated_at: at }).where("id", "=", call.id).execute();
    } else {
      await requirePublishedSheets(trx, input.sheetIds.filter((id) => !call.sheetIds.includes(id)));
      await trx
        .updateTable("calls")
        .set({ ...callColumns(input), status, ...(publishing ? { published_at: at } : {}), updated_at: at })
        .where("id", "=", call.id)
        .execute();
      await writeSheetsAndCriteria(trx, call.id, input);
    }
    await recordAudit(trx, { actorId: viewer.id, action: publishing ? "call.publish" : "call.update", subjectType: "call", subjectId: call.id, detail: { title: input.title, status, frozen } });
    return status;
  });
}
