import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/search/search-filters";
import { pageLink, Pagination } from "~/components/layout/pagination";
import { authorize } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getDb } from "~/db.server";
import { searchGroups } from "~/domain/groups/queries.server";
import { parseDirectoryQuery, type DirectoryQuery } from "~/domain/groups/schema";
import { AREAS, FIELDS, LEGAL_FORMS } from "~/domain/vocabulary";
import { SEARCH_QUERY_MAX_LENGTH } from "~/domain/zod";
import { formatCount } from "~/domain/number-format";

export const meta: MetaFunction = () => [{ title: "団体をさがす | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  const query = parseDirectoryQuery(new URL(args.request.url).searchParams);
  const result = await searchGroups(getDb(), query);
  return json({ query, result, canRegister: can(viewer, "group:register") });
}


export default function GroupDirectory() {
  const { query, result, canRegister } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.q || query.field || query.area || query.legalForm);
  return (
    <>
      <h1>団体をさがす</h1>
      <p>協働推進課の承認を受けた市民活動団体・地域コミュニティ・事業者などの一覧です。</p>
      {canRegister ? (
        <p>
          <Link to="/groups/new">団体を登録する</Link>
        </p>
      ) : null}
      <Form method="get" role="search" aria-label="団体の検索" className="filters">
        <div className="field">
          <label htmlFor="filter-q">キーワード</label>
          <input id="filter-q" name="q" type="search" defaultValue={query.q} maxLength={SEARCH_QUERY_MAX_LENGTH} placeholder="例: 子育て、里山、防犯" />
        </div>
        <FilterSelect name="field" label="活動分野" options={FIELDS.items} value={query.field} />
        <FilterSelect name="area" label="活動地域" options={AREAS.items} value={query.area} />
        <FilterSelect name="legalForm" label="団体の種類" options={LEGAL_FORMS.items} value={query.legalForm} />
        <div className="field">
          <button type="submit" className="button primary">
            検索
          </button>
        </div>
      </Form>
      <p role="status">
        {result.total === 0
          ? filtered
            ? "条件に合う団体は見つかりませんでした。キーワードを短くするか、条件を減らしてお試しください。"
            : "まだ公開されている団体はありません。"
          : `${formatCount(result.total)}の団体${result.pageCount > 1 ? `（${result.page}／${result.pageCount}ページ）` : ""}`}
      </p>
      {filtered ? (
        <p>
          <Link to="/groups">条件をすべて解除</Link>
        </p>
      ) : null}
      <ul className="group-list">
        {result.groups.map((g) => (
          <li key={g.id}>
            <h2>
              <Link to={`/groups/${g.id}`}>{g.name}</Link>
            </h2>
            <p className="hint">
              {g.nameKana}
              {g.legalForm ? `・${LEGAL_FORMS.label(g.legalForm)}` : ""}
            </p>
            <ul className="tags" aria-label="活動分野">
              {g.fields.map((f) => (
                <li key={f}>{FIELDS.label(f)}</li>
              ))}
            </ul>
            <p className="hint">活動地域: {g.areas.map(AREAS.label).join("、")}</p>
            {g.mission ? <p>{g.mission}</p> : null}
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pageCount={result.pageCount} link={(p) => pageLink(p, "/groups", query)} />
    </>
  );
}
