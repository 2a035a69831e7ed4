import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/guards.server";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  return json({ signedIn: viewer !== null });
}

export default function Home() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>協働マッチングポータル</h1>
      <p>
        市民活動団体・地域コミュニティ・事業者・教育機関と市の各課が、地域の課題をともに解決するための窓口です。
        各課が抱える課題（マッチングシート）を公開し、団体からの提案（行政提案型・市民提案型）を受け付け、審査・採択から実施・評価までを記録します。
      </p>
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
