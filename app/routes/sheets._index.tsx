import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/search/search-filters";
import { pageLink, Pagination } from "~/components/layout/pagination";
import { authorize } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getDb } from "~/db.server";
import { listDepartments } from "~/domain/departments/queries.server";
import { SHEET_STATUS_LABELS } from "~/domain/sheets/lifecycle";
import { BUDGET_SCALES, SHEET_PRIORITIES, sheetFiltersSchema } from "~/domain/sheets/schema";
import { listPublicSheets } from "~/domain/sheets/queries.server";
import { COLLABORATION_FORMS, FIELDS } from "~/domain/vocabulary";
import { formatDate } from "~/domain/calendar/format";
import { SEARCH_QUERY_MAX_LENGTH } from "~/domain/zod";
import { formatCount } from "~/domain/number-format";

export const meta: MetaFunction = () => [{ title: "マッチングシート | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const filters = sheetFiltersSchema.parse(params);
  const db = getDb();
  const [{ sheets, total, page, pageCount }, departments] = await Promise.all([listPublicSheets(db, filters), listDepartments(db)]);
  return json({ filters, sheets, total, page, pageCount, departments, canCreate: can(viewer, "sheet:create") });
}


export default function SheetList() {
  const { filters, sheets, total, page, pageCount, departments, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>マッチングシート</h1>
      <p>市の各課が抱える課題です。関心のある団体は質問したり「関心あり」「相談したい」を伝えたりできます。</p>
      {canCreate ? (
        <p>
          <Link className="button primary" to="/sheets/new">
            マッチングシートを作成する
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label="マッチングシートの絞り込み">
        <div className="field">
          <label htmlFor="filter-q">キーワード</label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q} maxLength={SEARCH_QUERY_MAX_LENGTH} placeholder="例: 子育て、空き家、防犯" />
        </div>
        <FilterSelect name="department" label="担当課" options={departments.map((d) => ({ code: d.id, label: d.name }))} value={filters.department} />
        <FilterSelect name="field" label="活動分野" options={FIELDS.items} value={filters.field} />
        <FilterSelect name="form" label="協働の形態" options={COLLABORATION_FORMS.items} value={filters.form} />
        <div className="field">
          <label>
            <input type="checkbox" name="open" value="1" defaultChecked={filters.open === "1"} /> 受付中のみ
          </label>
        </div>
        <button type="submit" className="button">
          絞り込む
        </button>
      </Form>
      <p role="status">{formatCount(total)}</p>
      {sheets.length === 0 ? (
        <p className="empty">条件に合うマッチングシートはありません。条件を減らしてお試しください。</p>
      ) : (
        <ul className="cards">
          {sheets.map((sheet) => (
            <li key={sheet.id} className="card">
              <h2>
                <Link to={`/sheets/${sheet.id}`}>{sheet.title}</Link>
              </h2>
              <p>
                {sheet.department_name} · <span className={`status status-${sheet.openNow ? "published" : "closed"}`}>{sheet.openNow ? "受付中" : SHEET_STATUS_LABELS[sheet.status === "published" ? "closed" : sheet.status]}</span>
                {sheet.apply_until ? ` · 受付期限 ${formatDate(sheet.apply_until)}` : null}
                {sheet.budget_scale ? ` · ${BUDGET_SCALES.label(sheet.budget_scale)}` : null}
                {sheet.priority === "low_overlooked" ? ` · ${SHEET_PRIORITIES.label(sheet.priority)}` : null}
              </p>
              <ul className="tags" aria-label="協働の形態と活動分野">
                {sheet.forms.map((f) => (
                  <li key={f}>{COLLABORATION_FORMS.label(f)}</li>
                ))}
                {sheet.fields.map((f) => (
                  <li key={f}>{FIELDS.label(f)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} link={(p) => pageLink(p, "/sheets", filters)} />
    </>
  );
}
