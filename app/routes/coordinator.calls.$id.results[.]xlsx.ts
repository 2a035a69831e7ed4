// GET /coordinator/calls/$id/results.xlsx?stage=… — the result sheet as a file, for the coordinator only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { contentDisposition, safeFileName } from "~/domain/attachments/download";
import { loadReviewCall } from "~/auth/access/reviews.server";
import { resultSheetXlsx } from "~/domain/reviews/export.server";
import { resultSheet, reviewStagesOf } from "~/domain/reviews/queries.server";
import { REVIEW_STAGES } from "~/domain/reviews/schema";
import { requestedChoice } from "~/domain/zod";

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadReviewCall(args);
  const stages = reviewStagesOf(call.stages);
  const stage = requestedChoice(args.request, "stage", stages) ?? stages[0];
  if (!stage) throw new Response("この募集には審査の段階がありません。", { status: 404 });
  const sheet = await resultSheet(getDb(), call, stage);
  const body = await resultSheetXlsx(sheet);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(safeFileName(`${call.title}_審査結果一覧_${REVIEW_STAGES.label(stage)}.xlsx`), `review-results-${stage}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
