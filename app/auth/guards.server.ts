// The only way a loader or action learns who is asking: every function here checks a permission
// first. Anonymous visitors who need to sign in are sent to the sign-in page; everyone else who may
// not do something gets 403. A signed-in account whose address is not yet confirmed may do nothing but
// confirm it (and sign out); an account whose roles require two-step sign-in and that has not set it up
// is sent to set it up (and may do nothing else): every other guard sends them to the page that says so.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "../../db/index";
import { loadAccount } from "../domain/accounts/queries.server";
import { hasSecondFactor } from "../domain/accounts/two-factor.server";
import { can, type Action, type Subject, type Viewer } from "./permissions";
import { extendSession, peekSession, readSession, sessionAuthenticatedAt } from "./session.server";
import { REAUTHENTICATION_MINUTES, requiresSecondFactor } from "./two-factor-policy";

type Args = Pick<LoaderFunctionArgs | ActionFunctionArgs, "request" | "context">;

interface Identity {
  viewer: Viewer | null;
  sessionToken: string | null;
  /** False for a signed-in account whose address is not yet proven. */
  emailConfirmed: boolean;
  /** The viewer's roles require a second factor they have not set up yet. */
  mustSetUpSecondFactor: boolean;
  /** When the session ends if not used again (null when signed out). */
  sessionEndsAt: Date | null;
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
      const nobody = { viewer: null, sessionToken: null, emailConfirmed: true, mustSetUpSecondFactor: false, sessionEndsAt: null };
      if (!session) return nobody;
      if (session.refreshCookie) context.appendSetCookie(session.refreshCookie);
      const account = await loadAccount(getDb(), session.userId);
      if (!account) return nobody;
      const { viewer, emailConfirmed } = account;
      const mustSetUpSecondFactor = emailConfirmed && requiresSecondFactor(viewer.roles) && !(await hasSecondFactor(getDb(), viewer.id));
      return { viewer, sessionToken: session.token, emailConfirmed, mustSetUpSecondFactor, sessionEndsAt: session.endsAt };
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

function returnPath(request: Request): string {
  const url = new URL(request.url);
  return encodeURIComponent(url.pathname + url.search);
}

function signInRedirect(request: Request): never {
  throw redirect(`/login?redirectTo=${returnPath(request)}`);
}

export const SECOND_FACTOR_SETUP_PATH = "/account/two-factor/setup";
export const REAUTHENTICATE_PATH = "/account/reauthenticate";

/** What an account still setting up its required second factor may do: that, and sign out. */
const ALLOWED_BEFORE_SECOND_FACTOR = new Set<Action>(["account:two-factor", "account:reauthenticate", "session:end"]);

/** For pages anyone may see, or see differently when signed in: returns the viewer or null. */
export async function authorize(args: Args, action: Action, subject?: Subject): Promise<Viewer | null> {
  const { viewer, emailConfirmed, mustSetUpSecondFactor } = await identify(args);
  if (viewer && !emailConfirmed && !UNCONFIRMED_MAY.has(action)) throw redirect(CONFIRM_EMAIL_PATH);
  if (mustSetUpSecondFactor && !ALLOWED_BEFORE_SECOND_FACTOR.has(action)) {
    // Not even public pages: they show staff more than the public (contacts, drafts) by the viewer.
    throw redirect(`${SECOND_FACTOR_SETUP_PATH}?redirectTo=${returnPath(args.request)}`);
  }
  if (can(viewer, action, subject)) return viewer;
  if (action === "auth:anonymous-only") throw redirect("/dashboard");
  if (!viewer) signInRedirect(args.request);
  forbidden();
}

/**
 * For the page frame (header and menu) only, which every page shares — the confirmation and set-up
 * pages too, so it never refuses: the viewer, or null; an unconfirmed account only as `pending` (its
 * name, to sign out); `settingUp` when the viewer must still set up their second factor (the header then
 * offers nothing but that and signing out). What a page shows or does is decided by its own guard.
 */
export async function frameViewer(
  args: Args,
): Promise<{ viewer: Viewer | null; pending: { displayName: string } | null; settingUp: boolean }> {
  const { viewer, emailConfirmed, mustSetUpSecondFactor } = await identify(args);
  if (viewer && !emailConfirmed) return { viewer: null, pending: { displayName: viewer.displayName }, settingUp: false };
  return { viewer, pending: null, settingUp: mustSetUpSecondFactor };
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
 * For sensitive changes to one's own account (the password, the address, the second factor): the viewer
 * must have entered their password within the last REAUTHENTICATION_MINUTES (sign-in counts), else they
 * are sent to enter it again and come back here.
 */
export async function requireRecentAuthentication(args: Args, action: Action, subject?: Subject) {
  const { viewer, sessionToken } = await requireViewerWithSession(args, action, subject);
  const at = await sessionAuthenticatedAt(sessionToken);
  if (!at || Date.now() - at.getTime() > REAUTHENTICATION_MINUTES * 60_000) {
    throw redirect(`${REAUTHENTICATE_PATH}?redirectTo=${returnPath(args.request)}`);
  }
  return { viewer, sessionToken };
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
