// The decision letter (審査結果通知書) as an A4 PDF, drawn by the proposal PDF's module; the same guard
// as the page (404 for the group before publication), never cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { contentDisposition } from "~/domain/attachments/download";
import { loadAwardFor } from "~/auth/access/awards.server";
import { letterHeaderRows, letterLead, letterPdfFileName, letterSections } from "~/domain/awards/letter";
import { decisionLetter } from "~/domain/awards/queries.server";
import { renderPrintablePdf } from "~/domain/proposals/pdf.server";

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await loadAwardFor(args, "award:read-letter");
  const letter = (await decisionLetter(getDb(), proposal)) ?? notFound();
  const pdf = await renderPrintablePdf({
    heading: "審査結果通知書",
    headerCaption: "審査結果の概要",
    header: letterHeaderRows(letter),
    lead: letterLead(letter),
    sections: letterSections(letter),
    footer: `審査結果通知書 ${letter.letterNumber}`,
    info: { title: `審査結果通知書 ${letter.letterNumber}`, subject: `${letter.callTitle} 審査結果通知書`, author: "協働推進課" },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": contentDisposition(letterPdfFileName(letter), "letter.pdf"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
