// The only way a loader or action learns who is asking: every function here checks a permission
// first. Anonymous visitors who need to sign in are sent to the sign-in page; everyone else who may
// not do something gets 403. A signed-in account whose address is not yet confirmed may do nothing but
// confirm it (and sign out): every other guard sends it to the page that says so.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "../../db/index";
import { loadAccount } from "../domain/accounts/queries.server";
import { can, type Action, type Subject, type Viewer } from "./permissions";
import { readSession } from "./session.server";

type Args = Pick<LoaderFunctionArgs | ActionFunctionArgs, "request" | "context">;

interface Identity {
  viewer: Viewer | null;
  sessionToken: string | null;
  /** False for a signed-in account whose address is not yet proven. */
  emailConfirmed: boolean;
}

/** Where an unconfirmed account is sent, and the only actions it may ask for. */
export const CONFIRM_EMAIL_PATH = "/account/confirm";
const UNCONFIRMED_MAY: ReadonlySet<Action> = new Set<Action>(["account:confirm-email", "account:open-confirmation-link", "session:end"]);

// Several loaders run for one request; they share one session lookup through the load context.
const identities = new WeakMap<object, Promise<Identity>>();

function identify({ request, context }: Args): Promise<Identity> {
  let identity = identities.get(context);
  if (!identity) {
    identity = (async () => {
      const { session, clearCookie } = await readSession(request.headers.get("Cookie"));
      if (clearCookie) context.appendSetCookie(clearCookie);
      if (!session) return { viewer: null, sessionToken: null, emailConfirmed: true };
      if (session.refreshCookie) context.appendSetCookie(session.refreshCookie);
      const account = await loadAccount(getDb(), session.userId);
      if (!account) return { viewer: null, sessionToken: null, emailConfirmed: true };
      return { viewer: account.viewer, sessionToken: session.token, emailConfirmed: account.emailConfirmed };
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
  const { viewer, emailConfirmed } = await identify(args);
  if (viewer && !emailConfirmed && !UNCONFIRMED_MAY.has(action)) throw redirect(CONFIRM_EMAIL_PATH);
  if (can(viewer, action, subject)) return viewer;
  if (action === "auth:anonymous-only") throw redirect("/dashboard");
  if (!viewer) signInRedirect(args.request);
  forbidden();
}

/**
 * For the page frame (header and menu) only, which every page shares — the confirmation page too, so it
 * cannot send anyone away: the viewer, or null; an unconfirmed account only as `pending` (its name, to
 * sign out). What a page shows or does is decided by the page's own guard.
 */
export async function frameViewer(args: Args): Promise<{ viewer: Viewer | null; pending: { displayName: string } | null }> {
  const { viewer, emailConfirmed } = await identify(args);
  if (viewer && !emailConfirmed) return { viewer: null, pending: { displayName: viewer.displayName } };
  return { viewer, pending: null };
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
