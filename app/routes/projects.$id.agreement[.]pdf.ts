// The agreement (協定書) as an A4 PDF download, the same document as the printable page; only for those
// who may see the project, never cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition } from "~/domain/attachments/download";
import { loadProjectFor } from "~/auth/access/projects.server";
import { agreementOverview, agreementPdfFileName, agreementSections } from "~/domain/projects/agreement";
import { agreementDocument } from "~/domain/projects/queries.server";
import { renderPrintablePdf } from "~/domain/proposals/pdf.server";

export async function loader(args: LoaderFunctionArgs) {
  const { project } = await loadProjectFor(args, "project:view");
  const doc = agreementDocument(project);
  const pdf = await renderPrintablePdf({
    heading: "協定書",
    headerCaption: "協定の概要",
    header: agreementOverview(doc),
    sections: agreementSections(doc),
    footer: `協定書 ${doc.number ?? "（案）"}`,
    info: { title: `協定書 ${doc.title}`, subject: `協定書${doc.number ? ` ${doc.number}` : "（案）"}`, author: "協働マッチングポータル" },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": contentDisposition(agreementPdfFileName(doc), "agreement.pdf"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
