import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { formatFiscalYearRangeWithWestern } from "~/domain/calendar/fiscal-year";
import { findPlan, loadPlanTree, type TreeMeasure } from "~/domain/plans/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.plan.name ?? "計画"} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const plan = (await findPlan(getDb(), args.params.slug ?? "")) ?? notFound();
  const measures = await loadPlanTree(getDb(), plan.id);
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
    measures,
  });
}

type Node = TreeMeasure & { children: Node[] };

function buildTree(measures: TreeMeasure[]): Node[] {
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
        <li key={m.id}>
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
          {m.children.length > 0 ? <MeasureList nodes={m.children} levelNames={levelNames} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function PlanTree() {
  const { plan, measures } = useLoaderData<typeof loader>();
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
        階層: {plan.levelNames.join(" › ")}（施策 {measures.length}件）。<Link to={`/plans/${plan.slug}/progress`}>進捗一覧・集計・ダウンロード</Link>
      </p>
      {measures.length === 0 ? <p className="empty">この計画には施策がありません。</p> : <MeasureList nodes={buildTree(measures)} levelNames={plan.levelNames} />}
    </>
  );
}
