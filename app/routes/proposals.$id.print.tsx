// The proposal as an A4 document in the form's order, for the browser's print (印刷する); the same
// document as a PDF is /proposals/{id}.pdf.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton, ProposalPrint } from "~/components/proposals/proposal-print";
import { getDb } from "~/db.server";
import { loadProposalFor } from "~/auth/access/proposals.server";
import { documentTitle } from "~/domain/proposals/document";
import { proposalDocument } from "~/domain/proposals/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${documentTitle(data.doc)} | 提案書` : "提案書" }];

export async function loader(args: LoaderFunctionArgs) {
  const { proposal, subject } = await loadProposalFor(args, "proposal:view");
  return json({ id: proposal.id, doc: await proposalDocument(getDb(), proposal, subject.isMember) });
}

export default function PrintProposal() {
  const { id, doc } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="actions no-print">
        <Link to={`/proposals/${id}`}>提案のページに戻る</Link> <PrintButton />{" "}
        <a href={`/proposals/${id}.pdf`} className="button">
          PDFをダウンロード
        </a>
      </p>
      <ProposalPrint doc={doc} />
    </>
  );
}
