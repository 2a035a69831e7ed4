// The page's view of its sign-in session (JSON, no page): GET says how long it has left without using it
// (so asking never keeps a session alive); POST extends it by the full idle period — the 「延長する」 of
// the warning that opens five minutes before the end (app/components/layout/session-watch.tsx).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { extendViewerSession, peekSessionOf } from "~/auth/guards.server";

export interface SessionReply {
  signedIn: boolean;
  /** ISO time the session ends if not used again. */
  endsAt: string | null;
  /** False when the absolute limit (SESSION_ABSOLUTE_HOURS since sign-in) ends it: extending cannot help. */
  extendable: boolean;
}

const noStore = { "Cache-Control": "no-store" };

export async function loader(args: LoaderFunctionArgs) {
  const times = await peekSessionOf(args);
  return json<SessionReply>(times ? { signedIn: true, endsAt: times.endsAt.toISOString(), extendable: times.extendable } : { signedIn: false, endsAt: null, extendable: false }, { headers: noStore });
}

export async function action(args: ActionFunctionArgs) {
  if (args.request.method !== "POST") return json({ error: "POST だけを受け付けます。" }, { status: 405 });
  const endsAt = await extendViewerSession(args);
  const times = await peekSessionOf(args);
  return json<SessionReply>({ signedIn: true, endsAt: endsAt.toISOString(), extendable: times?.extendable ?? true }, { headers: noStore });
}
