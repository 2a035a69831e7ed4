// GET /plans/$slug/progress.xlsx — the progress list (進捗一覧) as an Excel workbook.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize, notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { contentDisposition, safeFileName } from "~/domain/attachments/download";
import { progressFileBase } from "~/domain/plans/export/download.server";
import { progressListXlsx } from "~/domain/plans/export/spreadsheet.server";
import { findPlan, storedPlanForPage } from "~/domain/plans/queries.server";

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const slug = args.params.slug ?? "";
  const plan = (await findPlan(getDb(), slug)) ?? notFound();
  const stored = (await storedPlanForPage(getDb(), slug))!;
  const body = await progressListXlsx(stored);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(safeFileName(`${progressFileBase(plan.name)}.xlsx`), `${slug}-progress.xlsx`),
    },
  });
}
