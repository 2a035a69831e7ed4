// GET /calls/$id/projects.csv — the call's awarded projects, once its decisions are published (404
// before): UTF-8 with a byte order mark (Excel reads it as UTF-8), cells that look like formulas defused.
// What the call's page shows of them, so a visitor's copy is kept by the shared cache of public pages as
// that page is (a revised award bumps the content version); signed in, it is sent no-store as every page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { contentDisposition, safeFileName } from "~/domain/attachments/download";
import { isAwardPublished, listAwardedProjects } from "~/domain/awards/queries.server";
import { PUBLIC_PROJECT_HEADER, publicProjectRow } from "~/domain/awards/results";
import { loadCallFor } from "~/auth/access/calls.server";
import { toCsvText } from "~/domain/plans/export/csv";

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadCallFor(args, "call:view");
  const db = getDb();
  if (!(await isAwardPublished(db, call.id))) notFound();
  const projects = await listAwardedProjects(db, { callId: call.id });
  const text = toCsvText([PUBLIC_PROJECT_HEADER, ...projects.map(publicProjectRow)]);
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(safeFileName(`採択事業_${call.title}.csv`), `call-${call.id}-projects.csv`),
    },
  });
}
