// The only way a loader or action learns who is asking: every function here checks a permission
// first. Anonymous visitors who need to sign in are sent to the sign-in page; everyone else who may
// not do something gets 403.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "../../db/index";
import { loadViewer } from "../domain/accounts/queries.server";
import { can, type Action, type Subject, type Viewer } from "./permissions";
import { extendSession, peekSession, readSession } from "./session.server";

type Args = Pick<LoaderFunctionArgs | ActionFunctionArgs, "request" | "context">;

interface Identity {
  viewer: Viewer | null;
  sessionToken: string | null;
  sessionEndsAt: Date | null;
}

// Several loaders run for one request; they share one session lookup through the load context.
const identities = new WeakMap<object, Promise<Identity>>();

function identify({ request, context }: Args): Promise<Identity> {
  let identity = identities.get(context);
  if (!identity) {
    identity = (async () => {
      const { session, clearCookie } = await readSession(request.headers.get("Cookie"));
      if (clearCookie) context.appendSetCookie(clearCookie);
      if (!session) return { viewer: null, sessionToken: null, sessionEndsAt: null };
      if (session.refreshCookie) context.appendSetCookie(session.refreshCookie);
      const viewer = await loadViewer(getDb(), session.userId);
      return { viewer, sessionToken: viewer ? session.token : null, sessionEndsAt: viewer ? session.endsAt : null };
    })();
    identities.set(context, identity);
  }
  return identity;
}

export function forbidden(): never {
  throw new Response("この操作を行う権限がありません。", { status: 403, statusText: "Forbidden" });
}

export function notFound(): never {
  throw new Response("お探しのページは見つかりませんでした。", { status: 404, statusText: "Not Found" });
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
}

/** For pages anyone may see, or see differently when signed in: returns the viewer or null. */
export async function authorize(args: Args, action: Action, subject?: Subject): Promise<Viewer | null> {
  const { viewer } = await identify(args);
  if (can(viewer, action, subject)) return viewer;
  if (action === "auth:anonymous-only") throw redirect("/dashboard");
  if (!viewer) signInRedirect(args.request);
  forbidden();
}

/** For pages that need a signed-in user allowed to do `action`. */
export async function requireViewer(args: Args, action: Action, subject?: Subject): Promise<Viewer> {
  const viewer = await authorize(args, action, subject);
  if (!viewer) signInRedirect(args.request);
  return viewer;
}

/** The viewer together with the token of the session they are using (to keep it when ending others). */
export async function requireViewerWithSession(args: Args, action: Action, subject?: Subject) {
  const viewer = await requireViewer(args, action, subject);
  const { sessionToken } = await identify(args);
  return { viewer, sessionToken: sessionToken! };
}

/** When the signed-in viewer's session ends if not used again (null when signed out): the page warns before. */
export async function sessionEndOf(args: Args): Promise<Date | null> {
  return (await identify(args)).sessionEndsAt;
}

/**
 * How long the session of this request has left — for the page's warning — WITHOUT using it: this
 * neither extends the session nor sends a cookie. Null when signed out (or the session has ended).
 */
export async function peekSessionOf({ request }: Args): Promise<{ endsAt: Date; extendable: boolean } | null> {
  const times = await peekSession(request.headers.get("Cookie"));
  return times ? { endsAt: times.endsAt, extendable: times.extendable } : null;
}

/** Extends the signed-in viewer's session by the full idle period (they pressed 「延長する」). */
export async function extendViewerSession(args: Args): Promise<Date> {
  const { sessionToken } = await requireViewerWithSession(args, "session:extend");
  const { endsAt, cookie } = await extendSession(sessionToken);
  args.context.appendSetCookie(cookie);
  return endsAt;
}

/**
 * Only paths inside this portal; anything else becomes the dashboard. The target is parsed as a browser
 * would (which drops tabs and newlines and reads a backslash as a slash: `/\t/evil.example` is
 * `//evil.example`) against a placeholder origin, and kept only when it stays on that origin; the
 * normalized path is returned, never the raw text.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  const base = "http://portal.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
