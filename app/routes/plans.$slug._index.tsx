import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/guards.server";
import type { PageHandle } from "~/components/layout/page-handle";
import { getDb } from "~/db.server";
import { formatFiscalYearRangeWithWestern } from "~/domain/calendar/fiscal-year";
import { planOutline } from "~/domain/plans/paging";
import { findPlan, planTreeForPage, type TreeMeasure } from "~/domain/plans/queries.server";
import { formatCount } from "~/domain/number-format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.plan.name ?? "計画"} | 協働マッチングポータル` }];

export const handle: PageHandle = { documentForVisitors: true };

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const plan = (await findPlan(getDb(), args.params.slug ?? "")) ?? notFound();
  const all = await planTreeForPage(getDb(), plan.id);
  // A plan of thousands of measures shows its outline and one opened branch (`?open=<measure id>`): the
  // whole tree would be megabytes (docs/decisions/0015). The id is only looked up among the plan's own.
  const outline = planOutline(all, new URL(args.request.url).searchParams.get("open"));
  return json({
    plan: {
      slug: plan.slug,
      name: plan.name,
      title: plan.title,
      issued: plan.issued,
      city: plan.city,
      levelNames: plan.levelNames,
      years: plan.first_fiscal_year !== null ? formatFiscalYearRangeWithWestern(plan.first_fiscal_year, plan.last_fiscal_year ?? plan.first_fiscal_year) : null,
    },
    measures: outline.shown,
    total: all.length,
    whole: outline.whole,
    open: outline.open,
  });
}

type Shown = TreeMeasure & { folded: number };
type Node = Shown & { children: Node[] };

function buildTree(measures: Shown[]): Node[] {
  const nodes = new Map(measures.map((m) => [m.id, { ...m, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function MeasureList({ nodes, levelNames }: { nodes: Node[]; levelNames: string[] }) {
  return (
    <ul className="measure-tree">
      {nodes.map((m) => (
        <li key={m.id} id={`m-${m.id}`}>
          <span className="measure-level">{levelNames[m.level] ?? ""}</span> <span className="measure-code">{m.code}</span>{" "}
          <Link to={`/measures/${m.id}`}>{m.title}</Link>
          {m.tier ? <span className="tag">優先度【{m.tier}】</span> : null}
          {m.status ? <span className="tag">状況: {m.status}</span> : null}
          {m.departments.length > 0 ? <span className="measure-departments">担当課: {m.departments.join("、")}</span> : null}
          {m.entries > 0 || m.links > 0 ? (
            <span className="measure-counts">
              （実施したこと {m.entries}件{m.links > 0 ? `・結び付いた記録 ${m.links}件` : ""}）
            </span>
          ) : null}
          {m.folded > 0 ? (
            <Link className="measure-unfold" to={`?open=${m.id}#m-${m.id}`}>
              {levelNames[m.level + 1] ?? "施策"} {m.folded}件を表示
            </Link>
          ) : null}
          {m.children.length > 0 ? <MeasureList nodes={m.children} levelNames={levelNames} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function PlanTree() {
  const { plan, measures, total, whole, open } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/plans">協働の計画</Link> ›
      </p>
      <h1>{plan.name}</h1>
      {plan.title !== plan.name ? <p>{plan.title}</p> : null}
      {plan.issued ? <p>{plan.issued}</p> : null}
      {plan.years ? <p>計画期間: {plan.years}</p> : null}
      <p>
        階層: {plan.levelNames.join(" › ")}（施策 {formatCount(total)}）。<Link to={`/plans/${plan.slug}/progress`}>進捗一覧・集計・ダウンロード</Link>
      </p>
      {whole ? null : (
        <p className="plan-outline-note">
          施策が多いため、{plan.levelNames[plan.levelNames.length - 1] ?? "施策"}は開いた項目の下だけを表示しています（「…件を表示」で開きます）。
          {open ? <Link to={`/plans/${plan.slug}`}>すべて閉じる</Link> : null}
          すべての施策は<Link to={`/plans/${plan.slug}/progress`}>進捗一覧</Link>とそのダウンロードにあります。
        </p>
      )}
      {measures.length === 0 ? <p className="empty">この計画には施策がありません。</p> : <MeasureList nodes={buildTree(measures)} levelNames={plan.levelNames} />}
    </>
  );
}
