import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/guards.server";
import { AwardedProjects } from "~/components/awards/awarded-projects";
import { getDb } from "~/db.server";
import { listAwardedProjects } from "~/domain/awards/queries.server";
import { publicProjectCells } from "~/domain/awards/results";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { fiscalYearOf } from "~/domain/proposals/receipt";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  const fiscalYear = fiscalYearOf(new Date());
  const projects = await listAwardedProjects(getDb(), { fiscalYear });
  return json({
    signedIn: viewer !== null,
    fiscalYear: formatFiscalYearWithWestern(fiscalYear),
    projects: projects.map((p) => ({ key: p.proposalId, ...publicProjectCells(p), callTitle: p.callTitle, callId: p.callId })),
  });
}

export default function Home() {
  const { signedIn, fiscalYear, projects } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>協働マッチングポータル</h1>
      <p>
        市民活動団体・地域コミュニティ・事業者・教育機関と市の各課が、地域の課題をともに解決するための窓口です。
        各課が抱える課題（マッチングシート）を公開し、団体からの提案（行政提案型・市民提案型）を受け付け、審査・採択から実施・評価までを記録します。
      </p>
      <section aria-labelledby="home-projects">
        <h2 id="home-projects">{fiscalYear}の協働事業</h2>
        {projects.length === 0 ? (
          <p>今年度の採択事業はまだ公表されていません。</p>
        ) : (
          <AwardedProjects rows={projects} caption={`${fiscalYear}の協働事業`} showCall />
        )}
        <p>
          <Link to="/calls">募集の一覧</Link>
        </p>
      </section>
      <h2>はじめての方へ</h2>
      {signedIn ? (
        <p>
          <Link to="/dashboard">ダッシュボード</Link>から、次に行うことを確認できます。
        </p>
      ) : (
        <ol>
          <li>
            <Link to="/signup">アカウントを登録</Link>します（メールアドレスとパスワード）。
          </li>
          <li>団体の情報を登録し、協働推進課の承認を受けます。</li>
          <li>各課のマッチングシートを見て、質問や提案をします。</li>
        </ol>
      )}
      {!signedIn ? (
        <p>
          登録済みの方は<Link to="/login">サインイン</Link>してください。
        </p>
      ) : null}
    </>
  );
}
