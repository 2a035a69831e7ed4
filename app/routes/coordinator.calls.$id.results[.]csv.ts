// GET /coordinator/calls/$id/results.csv?stage=… — the result sheet as a file, for the coordinator only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { contentDisposition, safeFileName } from "~/domain/attachments/download";
import { loadReviewCall } from "~/auth/access/reviews.server";
import { resultSheetCsv } from "~/domain/reviews/export.server";
import { resultSheet, reviewStagesOf } from "~/domain/reviews/queries.server";
import { REVIEW_STAGES } from "~/domain/reviews/schema";
import { requestedChoice, requestedCsvEncoding } from "~/domain/zod";

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadReviewCall(args);
  const stages = reviewStagesOf(call.stages);
  const stage = requestedChoice(args.request, "stage", stages) ?? stages[0];
  if (!stage) throw new Response("この募集には審査の段階がありません。", { status: 404 });
  const sheet = await resultSheet(getDb(), call, stage);
  const encoding = requestedCsvEncoding(args.request);
  const sjis = encoding === "sjis";
  const body = resultSheetCsv(sheet, encoding);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": `text/csv; charset=${sjis ? "Shift_JIS" : "utf-8"}`,
      "Content-Disposition": contentDisposition(safeFileName(`${call.title}_審査結果一覧_${REVIEW_STAGES.label(stage)}${sjis ? "_SJIS" : ""}.csv`), `review-results-${stage}.csv`),
      "Cache-Control": "no-store",
    },
  });
}
