// The proposal (提案書) as an A4 PDF download, the same document as the printable page; only for those
// who may see the proposal, never cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { contentDisposition } from "~/domain/attachments/download";
import { loadProposalFor } from "~/auth/access/proposals.server";
import { proposalPdfFileName } from "~/domain/proposals/document";
import { renderProposalPdf } from "~/domain/proposals/pdf.server";
import { proposalDocument } from "~/domain/proposals/queries.server";

export async function loader(args: LoaderFunctionArgs) {
  const { proposal, subject } = await loadProposalFor(args, "proposal:view");
  const doc = await proposalDocument(getDb(), proposal, subject.isMember);
  const pdf = await renderProposalPdf(doc);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": contentDisposition(proposalPdfFileName(doc), "proposal.pdf"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
