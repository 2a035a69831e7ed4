// The decision letter (審査結果通知書) as a printable page: the group's members once the call's decisions
// are published (before that it does not exist for them: 404), the coordinator also as a preview.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton, PrintedDocument } from "~/components/proposals/proposal-print";
import { notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { loadAwardFor } from "~/auth/access/awards.server";
import { letterHeaderRows, letterLead, letterSections } from "~/domain/awards/letter";
import { decisionLetter } from "~/domain/awards/queries.server";

export const meta: MetaFunction = () => [{ title: "審査結果通知書 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { proposal, award } = await loadAwardFor(args, "award:read-letter");
  const letter = (await decisionLetter(getDb(), proposal)) ?? notFound();
  return json({
    id: proposal.id,
    published: award.published,
    header: letterHeaderRows(letter),
    lead: letterLead(letter),
    sections: letterSections(letter),
    hasConditions: letter.conditions.length > 0 && award.published,
  });
}

export default function LetterPage() {
  const { id, published, header, lead, sections, hasConditions } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="actions no-print">
        <Link to={`/proposals/${id}`}>提案のページに戻る</Link> <PrintButton />{" "}
        <a href={`/proposals/${id}/letter.pdf`} className="button">
          PDFをダウンロード
        </a>
        {hasConditions ? (
          <>
            {" "}
            <Link to={`/proposals/${id}/conditions`} className="button">
              条件への対応
            </Link>
          </>
        ) : null}
      </p>
      {published ? null : <p className="status-reason no-print">公表前のプレビューです（協働推進課だけが見られます）。文書番号と日付は公表時に決まります。</p>}
      <PrintedDocument heading="審査結果通知書" header={header} lead={lead} sections={sections} />
    </>
  );
}
