// The sign-out button (a POST: it changes state). The member's copies of typed text kept in this browser
// go with them (`forgetBrowserCopies`): on a shared computer nothing of theirs is left to the next person.
import { Form, useRouteLoaderData } from "@remix-run/react";
import { forgetBrowserCopies } from "../forms/autosave";

export function SignOut({ redirectTo, children = "サインアウト" }: { redirectTo?: string; children?: string }) {
  const root = useRouteLoaderData<{ viewer: { id: string } | null }>("root");
  const userId = root?.viewer?.id;
  return (
    <Form method="post" action="/logout" onSubmit={userId ? () => forgetBrowserCopies(userId) : undefined}>
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <button type="submit" className="button link">
        {children}
      </button>
    </Form>
  );
}
