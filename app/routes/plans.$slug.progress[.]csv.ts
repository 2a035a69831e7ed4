// GET /plans/$slug/progress.csv — the progress list as CSV: UTF-8 with a byte order mark by default
// (Excel then reads it as UTF-8), Shift_JIS with ?encoding=sjis for older Excel.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize, notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { contentDisposition, safeFileName } from "~/domain/attachments/download";
import { progressFileBase } from "~/domain/plans/export/download.server";
import { progressListCsv } from "~/domain/plans/export/spreadsheet.server";
import { findPlan, storedPlanForPage } from "~/domain/plans/queries.server";
import { requestedCsvEncoding } from "~/domain/zod";

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const slug = args.params.slug ?? "";
  const plan = (await findPlan(getDb(), slug)) ?? notFound();
  const encoding = requestedCsvEncoding(args.request);
  const sjis = encoding === "sjis";
  const body = progressListCsv((await storedPlanForPage(getDb(), slug))!, encoding);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": `text/csv; charset=${sjis ? "Shift_JIS" : "utf-8"}`,
      "Content-Disposition": contentDisposition(
        safeFileName(`${progressFileBase(plan.name)}${sjis ? "_SJIS" : ""}.csv`),
        `${slug}-progress${sjis ? "-sjis" : ""}.csv`,
      ),
    },
  });
}
