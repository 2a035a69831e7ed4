import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { frameViewer, sessionEndOf } from "./auth/guards.server";
import { can, ROLE_LABELS, type Viewer } from "./auth/permissions";
import { takeNotice } from "./components/layout/flash.server";
import { getDb } from "./db.server";
import { unreadCount } from "./domain/notifications/queries.server";
import { useNonce } from "./components/layout/nonce";
import { useScriptless } from "./components/layout/page-handle";
import { RouteAnnouncer } from "./components/layout/route-announcer";
import { SessionWatch } from "./components/layout/session-watch";
import { SignOut } from "./components/layout/sign-out";
import styles from "./styles/portal.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
];

const SITE_NAME = "協働マッチングポータル";

// The error page (404, 403, 500 … and an unknown address) is titled as its heading says: a tab or a
// screen reader must not call it by the site's bare name or by the page that failed.
// Remix passes `error: null` (not undefined) when nothing went wrong.
export const meta: MetaFunction = ({ error }) => [{ title: error == null ? SITE_NAME : `${errorText(error).title} | ${SITE_NAME}` }];

export async function loader(args: LoaderFunctionArgs) {
  // The frame only: each page's own guard decides what it shows (an unconfirmed account is sent to
  // confirm, staff without their second factor to set it up).
  const { viewer, pending, settingUp } = await frameViewer(args);
  const notice = await takeNotice(args.request, args.context);
  const unread = viewer && !settingUp ? await unreadCount(getDb(), viewer.id) : 0;
  const sessionEnd = viewer ? await sessionEndOf(args) : null;
  // Seconds rather than a time: the browser's clock may not be the server's.
  const sessionRemainingSeconds = sessionEnd ? Math.round((sessionEnd.getTime() - Date.now()) / 1000) : null;
  return json({ viewer, pending, settingUp, notice, unread, requestId: args.context.requestId, sessionRemainingSeconds });
}

function navigationFor(viewer: Viewer | null): { to: string; label: string }[] {
  const items = [
    { to: "/", label: "トップ" },
    { to: "/sheets", label: "マッチングシート" },
    { to: "/calls", label: "募集" },
    { to: "/groups", label: "団体をさがす" },
    { to: "/plans", label: "協働の計画" },
  ];
  if (can(viewer, "dashboard:view")) items.push({ to: "/dashboard", label: "ダッシュボード" });
  if (can(viewer, "proposal:list")) items.push({ to: "/proposals", label: "提案" });
  if (can(viewer, "review:list")) items.push({ to: "/reviews", label: "審査" });
  if (can(viewer, "project:list")) items.push({ to: "/projects", label: "協働事業" });
  if (can(viewer, "group:review")) items.push({ to: "/coordinator/groups", label: "団体の審査" });
  if (can(viewer, "call:manage")) items.push({ to: "/coordinator/calls", label: "募集の管理" });
  if (can(viewer, "review:invite")) items.push({ to: "/coordinator/reviewers", label: "審査委員" });
  if (can(viewer, "admin:users:view")) items.push({ to: "/admin/users", label: "ユーザー管理" });
  if (can(viewer, "admin:departments:manage")) items.push({ to: "/admin/departments", label: "担当課" });
  if (can(viewer, "admin:audit:view")) items.push({ to: "/admin/audit", label: "監査ログ" });
  return items;
}

function Shell({
  viewer,
  pending = null,
  settingUp = false,
  notice,
  unread = 0,
  sessionRemainingSeconds = null,
  children,
}: {
  viewer: Viewer | null;
  /** A signed-in account whose address is not yet confirmed: only its name and the way out. */
  pending?: { displayName: string } | null;
  /** The viewer must set up two-step sign-in first: the header offers only signing out. */
  settingUp?: boolean;
  notice?: string | null;
  unread?: number;
  sessionRemainingSeconds?: number | null;
  children: ReactNode;
}) {
  const nonce = useNonce();
  const scriptless = useScriptless(viewer !== null || pending !== null);
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          本文へスキップ
        </a>
        <header className="site-header">
          <div className="site-title">
            <Link to="/">協働マッチングポータル</Link>
          </div>
          <nav aria-label="メインメニュー">
            <ul>
              {navigationFor(settingUp ? null : viewer).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            {viewer ? (
              <>
                <span>
                  {viewer.displayName} さん（{viewer.roles.map((r) => ROLE_LABELS[r]).join("・")}）
                </span>
                {settingUp ? null : (
                  <>
                    <Link to="/notifications" aria-label={unread > 0 ? `お知らせ（未読 ${unread}件）` : "お知らせ"}>
                      お知らせ{unread > 0 ? <span className="badge">{unread}</span> : null}
                    </Link>
                    <Link to="/account/password">パスワード変更</Link>
                    <Link to="/account/email">メールアドレス変更</Link>
                    <Link to="/account/two-factor">二段階認証</Link>
                  </>
                )}
                <SignOut />
              </>
            ) : pending ? (
              <>
                <span>{pending.displayName} さん（メールアドレス未確認）</span>
                <SignOut />
              </>
            ) : (
              <>
                <Link to="/login">サインイン</Link>
                <Link to="/signup">アカウント登録</Link>
              </>
            )}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {notice ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
          {children}
        </main>
        <RouteAnnouncer />
        {viewer ? <SessionWatch remainingSeconds={sessionRemainingSeconds} /> : null}
        <footer className="site-footer">
          <p>協働マッチングポータル — 市民活動団体と市の協働を進めるための窓口です。</p>
        </footer>
        {scriptless ? null : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

/**
 * The notice (「…しました」) belongs to the page the redirect led to: it goes with the next navigation to
 * another page. The cookie is read once on the server, but a client-side navigation does not run the
 * root loader again, so without this the notice would stay on every page after it.
 */
function useNoticeOfThisPage(data: { notice: string | null }): string | null {
  const { pathname, search } = useLocation();
  const page = pathname + search;
  const arrival = useRef({ data, page, left: false });
  if (arrival.current.data !== data) arrival.current = { data, page, left: false };
  else if (arrival.current.page !== page) arrival.current.left = true; // coming back does not bring it back
  return arrival.current.left ? null : data.notice;
}


export default function App() {
  const data = useLoaderData<typeof loader>();
  const { viewer, pending, settingUp, unread, sessionRemainingSeconds } = data;
  const notice = useNoticeOfThisPage(data);
  return (
    <Shell viewer={viewer} pending={pending} settingUp={settingUp} notice={notice} unread={unread} sessionRemainingSeconds={sessionRemainingSeconds}>
      <Outlet />
    </Shell>
  );
}

const ERROR_TEXT: Record<number, { title: string; body: string }> = {
  400: { title: "リクエストが正しくありません", body: "入力内容を確かめて、もう一度お試しください。" },
  403: { title: "アクセスできません", body: "このページを見る、またはこの操作を行う権限がありません。必要な場合は協働推進課にお問い合わせください。" },
  404: { title: "ページが見つかりません", body: "アドレスが間違っているか、ページが削除された可能性があります。" },
  405: { title: "この操作はできません", body: "ページを開き直してから、もう一度操作してください。" },
};

function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

function errorText(error: unknown): { title: string; body: string } {
  return (
    ERROR_TEXT[errorStatus(error)] ?? {
      title: "エラーが発生しました",
      body: "システムでエラーが発生しました。時間をおいて、もう一度お試しください。入力中の内容がある場合は、ブラウザの「戻る」で戻ると残っていることがあります。",
    }
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = errorStatus(error);
  const text = errorText(error);
  return (
    <Shell viewer={data?.viewer ?? null} pending={data?.pending ?? null} settingUp={data?.settingUp}>
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      <p className="error-code">
        エラーコード: {status}
        {status >= 500 && data?.requestId ? `（お問い合わせ番号: ${data.requestId}）` : ""}
      </p>
      <p>
        <Link to="/">トップページへ戻る</Link>
      </p>
    </Shell>
  );
}
