// What changed between two submitted versions of a proposal (e.g. before and after a return for
// correction): field by field, line by line, from the same sections the printed form shows.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { notFound } from "~/auth/guards.server";
import { loadProposalFor } from "~/auth/access/proposals.server";
import { contentSections } from "~/domain/proposals/content";
import { diffFields } from "~/domain/proposals/diff";
import { findVersion } from "~/domain/proposals/queries.server";
import { formatDateTime } from "~/domain/calendar/format";
import { z } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "版の比較 | 協働マッチングポータル" }];

/** `?from=` and `?to=`: a version number; anything else is a page that does not exist. */
const versionNumber = z.coerce.number().int().min(1);

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await loadProposalFor(args, "proposal:view");
  const url = new URL(args.request.url);
  const to = versionNumber.safeParse(url.searchParams.get("to") ?? proposal.current_version).data;
  const from = to === undefined ? undefined : versionNumber.safeParse(url.searchParams.get("from") ?? to - 1).data;
  if (to === undefined || from === undefined) notFound();
  const db = getDb();
  const [before, after] = await Promise.all([findVersion(db, proposal.id, from), findVersion(db, proposal.id, to)]);
  if (!before || !after) notFound();
  const asRecord = (sections: ReturnType<typeof contentSections>) => Object.fromEntries(sections.map((s) => [s.key, s.text]));
  const afterSections = contentSections(after.content);
  const labels = Object.fromEntries(afterSections.map((s) => [s.key, s.label]));
  return json({
    proposal: { id: proposal.id, title: proposal.title, receiptNumber: proposal.receipt_number },
    from: { version: from, submittedAt: formatDateTime(before.submitted_at) },
    to: { version: to, submittedAt: formatDateTime(after.submitted_at) },
    fields: diffFields(asRecord(contentSections(before.content)), asRecord(afterSections), labels),
  });
}

export default function VersionDiff() {
  const { proposal, from, to, fields } = useLoaderData<typeof loader>();
  const changed = fields.filter((f) => f.changed);
  return (
    <>
      <h1>版の比較</h1>
      <p>
        <Link to={`/proposals/${proposal.id}`}>{proposal.title || "（無題の提案）"}</Link>
        {proposal.receiptNumber ? `（受付番号 ${proposal.receiptNumber}）` : ""}
      </p>
      <p>
        第{from.version}版（{from.submittedAt}）→ 第{to.version}版（{to.submittedAt}）: {changed.length === 0 ? "変更はありません。" : `${changed.length}項目が変わりました。`}
      </p>
      <p className="hint">削除された行は「−」と取り消し線、追加された行は「＋」で示します。</p>
      {changed.map((f) => (
        <section key={f.field} aria-label={f.label}>
          <h2>{f.label}</h2>
          <ul className="diff">
            {f.lines.map((line, i) =>
              line.kind === "added" ? (
                <li key={i} className="diff-added">
                  <ins>＋ {line.text}</ins>
                </li>
              ) : line.kind === "removed" ? (
                <li key={i} className="diff-removed">
                  <del>− {line.text}</del>
                </li>
              ) : (
                <li key={i} className="diff-unchanged">
                  {line.text}
                </li>
              ),
            )}
          </ul>
        </section>
      ))}
    </>
  );
}
