import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { authorize, requireViewerWithSession, safeRedirectPath } from "~/auth/guards.server";
import { endSession } from "~/auth/session.server";
import { redirectWithNotice } from "~/components/layout/flash.server";

// Signing out changes state, so it is a POST; a GET just goes home.
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  return redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  const { sessionToken } = await requireViewerWithSession(args, "session:end");
  const cookie = await endSession(sessionToken);
  // A page that asks to be opened again signed out (an invitation meant for another address) says where.
  const to = safeRedirectPath((await args.request.formData()).get("redirectTo"), "/");
  return redirectWithNotice(to, "サインアウトしました。", { headers: { "Set-Cookie": cookie } });
}
