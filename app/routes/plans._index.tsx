import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getDb } from "~/db.server";
import { formatFiscalYearRangeWithWestern } from "~/domain/calendar/fiscal-year";
import { listPlans } from "~/domain/plans/queries.server";
import { MEASURE_STATUSES } from "~/domain/plans/types";

export const meta: MetaFunction = () => [{ title: "協働の計画 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  return json({ plans: await listPlans(getDb()), canImport: can(viewer, "plan:import") });
}

export default function Plans() {
  const { plans, canImport } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>協働の計画</h1>
      <p>市の協働の計画と、施策ごとの進み具合（実施したこと・状況）です。各課の職員と協働推進課が更新しています。</p>
      {canImport ? (
        <p>
          <Link to="/plans/import" className="button">
            計画書を取り込む
          </Link>
        </p>
      ) : null}
      {plans.length === 0 ? (
        <p className="empty">まだ計画が登録されていません。協働推進課が計画書を取り込むと、ここに表示されます。</p>
      ) : (
        <div className="table-scroll">
          <table className="plans-compare">
            <caption>登録されている計画（{plans.length}件）</caption>
            <thead>
              <tr>
                <th scope="col">計画</th>
                <th scope="col">市</th>
                <th scope="col">期間</th>
                <th scope="col">階層</th>
                <th scope="col">施策</th>
                <th scope="col">実施したこと</th>
                {MEASURE_STATUSES.map((s) => (
                  <th scope="col" key={s}>
                    {s}
                  </th>
                ))}
                <th scope="col">進捗一覧</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id}>
                  <th scope="row">
                    <Link to={`/plans/${plan.slug}`}>{plan.name}</Link>
                  </th>
                  <td>{plan.city ?? "—"}</td>
                  <td>{plan.firstFiscalYear !== null ? formatFiscalYearRangeWithWestern(plan.firstFiscalYear, plan.lastFiscalYear ?? plan.firstFiscalYear) : "—"}</td>
                  <td>{plan.levelNames.join(" › ")}</td>
                  <td>{plan.summary.measures}</td>
                  <td>{plan.summary.entries}</td>
                  {MEASURE_STATUSES.map((s) => (
                    <td key={s}>{plan.summary.statuses[s] ?? 0}</td>
                  ))}
                  <td>
                    <Link to={`/plans/${plan.slug}/progress`}>進捗一覧</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
