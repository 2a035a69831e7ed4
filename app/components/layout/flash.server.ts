// One-shot notices shown after a redirect ("パスワードを変更しました"), carried in a short-lived cookie.
import { createCookie, redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { securedOrigin } from "../../http/origin";

const flashCookie = createCookie("portal_notice", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
});

export async function redirectWithNotice(url: string, notice: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(notice, { secure: securedOrigin() }));
  return redirect(url, { ...init, headers });
}

/** Reads the notice, if any, and clears it so it shows once. */
export async function takeNotice(request: Request, context: AppLoadContext): Promise<string | null> {
  const notice = (await flashCookie.parse(request.headers.get("Cookie"))) as unknown;
  if (typeof notice !== "string") return null;
  context.appendSetCookie(await flashCookie.serialize("", { maxAge: 0, secure: securedOrigin() }));
  return notice;
}
