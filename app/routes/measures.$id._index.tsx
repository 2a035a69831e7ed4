import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { EntryForm, LinkForm, StatusForm } from "~/components/plans/measure-forms";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/domain/calendar/format";
import { fiscalYearsOfPeriod, formatFiscalYearRange, formatFiscalYearWithWestern, formatWesternYears } from "~/domain/calendar/fiscal-year";
import { measureEditing, sheetsToLink } from "~/domain/plans/editing.server";
import { loadMeasure, measureSubjectFor } from "~/domain/plans/queries.server";
import { LINK_SUBJECT_LABELS } from "~/domain/plans/schema";
import { SubmitButton } from "~/components/forms/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.page.measure.code} ${data.page.measure.title}` : "施策"} | 協働マッチングポータル` },
];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  const db = getDb();
  const id = args.params.id ?? "";
  const page = (await loadMeasure(db, id)) ?? notFound();
  const subject = (await measureSubjectFor(db, id, viewer?.departmentId ?? null))!;
  const editing = measureEditing(viewer, subject);
  const links = page.links.map((link) => ({
    ...link,
    canUnlink: can(viewer, "plan:link-evidence", { ...subject, recordDepartmentId: link.departmentId }),
  }));
  const sheets = editing.canLink && viewer ? await sheetsToLink(db, viewer, id) : null;
  return json({ page: { ...page, links }, editing, sheets });
}

const SOURCE_LABELS: Record<string, string> = { imported: "計画書から", staff: "担当課の入力", project: "協働事業の実績" };


function Field({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd className="multiline">{value}</dd>
    </>
  );
}

export default function MeasurePage() {
  const { page, editing, sheets } = useLoaderData<typeof loader>();
  const { plan, measure } = page;
  return (
    <>
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/plans">協働の計画</Link> › <Link to={`/plans/${plan.slug}`}>{plan.name}</Link>
        {page.ancestors.map((a) => (
          <span key={a.id}>
            {" "}
            › <Link to={`/measures/${a.id}`}>{a.code}</Link>
          </span>
        ))}
      </nav>
      <h1>
        <span className="measure-level">{measure.levelName}</span> <span className="measure-code">{measure.code}</span> {measure.title}
      </h1>
      {page.relistOf ? (
        <p className="notice">
          【再掲】この施策は <Link to={`/measures/${page.relistOf.id}`}>{page.relistOf.code} {page.relistOf.title}</Link> の再掲です。
        </p>
      ) : null}
      <dl className="measure-fields">
        <dt>状況</dt>
        <dd>{measure.status ?? "記載なし"}</dd>
        {measure.tier ? (
          <>
            <dt>優先度</dt>
            <dd>【{measure.tier}】</dd>
          </>
        ) : null}
        <dt>担当課</dt>
        <dd>{measure.departments.join("、") || "記載なし"}</dd>
        <Field label="推進項目対象（対象とする主体）" value={measure.targetActors.join("、")} />
        <Field label="実施主体" value={measure.implementers.join("、")} />
        <Field label="分類" value={measure.labels.join("、")} />
        <Field label="説明" value={measure.description} />
        <Field label="目的" value={measure.purpose} />
        <Field label="現状と課題" value={measure.currentIssues} />
        <Field label="内容" value={measure.content} />
        <Field label="完了の基準" value={measure.completionCriteria} />
        <Field label="次期の案（2期案）" value={measure.nextTermProposal} />
        <Field label="次期の案の理由" value={measure.nextTermReason} />
        <Field label="計画書の掲載ページ" value={measure.pageRef} />
      </dl>
      {measure.schedule.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption>年次計画</caption>
            <thead>
              <tr>
                {measure.schedule.map((cell) => (
                  <th scope="col" key={cell.fiscalYear}>
                    {formatFiscalYearRange(cell.fiscalYear, cell.fiscalYear)}
                    <br />({cell.fiscalYear})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {measure.schedule.map((cell) => (
                  <td key={cell.fiscalYear}>{cell.label}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      {page.relistedAs.length > 0 ? (
        <p>
          再掲:{" "}
          {page.relistedAs.map((r, i) => (
            <span key={r.id}>
              {i > 0 ? "、" : ""}
              <Link to={`/measures/${r.id}`}>{r.code}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {page.children.length > 0 ? (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{plan.levelNames[measure.level + 1] ?? "下位の施策"}</h2>
          <ul>
            {page.children.map((c) => (
              <li key={c.id}>
                {c.code} <Link to={`/measures/${c.id}`}>{c.title}</Link>
                {c.status ? `（${c.status}）` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="entries-title">
        <h2 id="entries-title">実施したこと（{page.entries.length}件）</h2>
        {page.entries.length === 0 ? (
          <p className="empty">まだ記録がありません。</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">実施したこと</th>
                  <th scope="col">実施年度</th>
                  <th scope="col">担当課</th>
                  <th scope="col">記録のもと</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.text}</td>
                    <td>
                      {e.fiscalYearLabel ?? (e.fiscalYearFrom !== null ? formatFiscalYearRange(e.fiscalYearFrom, e.fiscalYearTo ?? e.fiscalYearFrom) : "—")}
                      {formatWesternYears(fiscalYearsOfPeriod(e)) ? <span className="western">（{formatWesternYears(fiscalYearsOfPeriod(e))}）</span> : null}
                    </td>
                    <td>{e.departments.join("、") || "—"}</td>
                    <td>{SOURCE_LABELS[e.source] ?? e.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editing.canAddEntry ? (
          <details className="panel" open={page.entries.length === 0}>
            <summary>実施したことを追加する</summary>
            <EntryForm measureId={measure.id} departments={editing.entryDepartments} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="links-title">
        <h2 id="links-title">結び付いた記録（{page.links.length}件）</h2>
        {page.links.length === 0 ? (
          <p className="empty">マッチングシート・募集・提案・協働事業はまだ結び付いていません。</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">種類</th>
                  <th scope="col">記録</th>
                  <th scope="col">年度</th>
                  <th scope="col">担当課</th>
                  {page.links.some((l) => l.canUnlink) ? <th scope="col">操作</th> : null}
                </tr>
              </thead>
              <tbody>
                {page.links.map((l) => (
                  <tr key={l.id}>
                    <td>{LINK_SUBJECT_LABELS[l.subjectType as keyof typeof LINK_SUBJECT_LABELS] ?? l.subjectType}</td>
                    <td>{l.href ? <Link to={l.href}>{l.title ?? l.subjectId}</Link> : (l.title ?? l.subjectId)}</td>
                    <td>{l.fiscalYear !== null ? formatFiscalYearWithWestern(l.fiscalYear) : "—"}</td>
                    <td>{l.departmentName ?? "—"}</td>
                    {page.links.some((x) => x.canUnlink) ? (
                      <td>
                        {l.canUnlink ? (
                          <Form method="post" action={`/measures/${measure.id}/links`}>
                            <input type="hidden" name="intent" value="unlink" />
                            <input type="hidden" name="linkId" value={l.id} />
                            <SubmitButton className="button link">
                              結び付けを外す<span className="visually-hidden">（{l.title ?? l.subjectId}）</span>
                            </SubmitButton>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editing.canLink && sheets ? (
          <details className="panel">
            <summary>マッチングシートを結び付ける</summary>
            <LinkForm measureId={measure.id} choices={sheets} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">状況の履歴</h2>
        {page.statusChanges.length === 0 ? (
          <p className="empty">状況の変更はまだありません。</p>
        ) : (
          <ol>
            {page.statusChanges.map((c) => (
              <li key={c.id}>
                <time dateTime={c.changed_at}>{formatDateTime(c.changed_at)}</time> {c.from_status ?? "なし"} → {c.to_status ?? "なし"}
                {c.reason ? `（理由: ${c.reason}）` : ""}
                {c.display_name ? ` — ${c.display_name}` : ""}
              </li>
            ))}
          </ol>
        )}
        {editing.canSetStatus ? (
          <details className="panel">
            <summary>状況を変更する</summary>
            <StatusForm measureId={measure.id} status={measure.status} />
          </details>
        ) : null}
      </section>
    </>
  );
}
