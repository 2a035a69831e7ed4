import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FieldErrors, FormErrors, SubmitButton, useSchemaForm } from "~/components/forms/form";
import { PageCount, pageLink, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { markAllRead, setMailFrequency } from "~/domain/notifications/commands.server";
import { listNotifications, mailFrequencyOf } from "~/domain/notifications/queries.server";
import { MAIL_FREQUENCIES, mailFrequencySchema } from "~/domain/notifications/schema";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";
import { requestedChoice, requestedPage } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "お知らせ | 協働マッチングポータル" }];

/** Whether the address asks for the unread ones only (`?unread=1`). */
const unreadOnlyIn = (request: Request) => requestedChoice(request, "unread", ["1"]) === "1";

/** The address of page `page` of the list, all of it or the unread ones only. */
const listLink = (page: number, unreadOnly: boolean) => pageLink(page, "/notifications", { unread: unreadOnly ? "1" : undefined });

/** The page a form was sent from (the forms post to the page's own address), to go back to. */
const listUrl = (request: Request) => listLink(requestedPage(request), unreadOnlyIn(request));

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "account:notifications");
  const db = getDb();
  const unreadOnly = unreadOnlyIn(args.request);
  const [{ rows, ...paging }, mailFrequency] = await Promise.all([
    listNotifications(db, viewer.id, requestedPage(args.request), { unreadOnly }),
    mailFrequencyOf(db, viewer.id),
  ]);
  return json({ notifications: rows, ...paging, unreadOnly, mailFrequency });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "account:notifications");
  const formData = await readForm(args.request);
  if (formData.get("intent") === "read-all") {
    await markAllRead(getDb(), viewer);
    return redirectWithNotice(listUrl(args.request), "すべて既読にしました。");
  }
  const submission = parseWithZod(formData, { schema: mailFrequencySchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await setMailFrequency(getDb(), viewer, submission.value.mailFrequency);
  return redirectWithNotice(listUrl(args.request), "メールの受け取り方を変更しました。");
}

export default function Notifications() {
  const { notifications, total, page, pageCount, unreadOnly, mailFrequency } = useLoaderData<typeof loader>();
  // Every unread one, on whichever page: the frame's count (root loader), not read again here.
  const unread = useRouteLoaderData<{ unread: number }>("root")?.unread ?? 0;
  const [form, fields] = useSchemaForm(mailFrequencySchema, useActionData<typeof action>(), { intent: "frequency", mailFrequency });
  return (
    <>
      <h1>お知らせ</h1>
      {unreadOnly || total > 0 ? (
        <nav aria-label="表示するお知らせ">
          <ul className="tags">
            <li>{unreadOnly ? <Link to={listLink(1, false)}>すべて</Link> : <strong aria-current="page">すべて</strong>}</li>
            <li>
              {unreadOnly ? (
                <strong aria-current="page">未読のみ（{unread}件）</strong>
              ) : (
                <Link to={listLink(1, true)}>未読のみ（{unread}件）</Link>
              )}
            </li>
          </ul>
        </nav>
      ) : null}
      {total === 0 ? (
        <p className="empty">
          {unreadOnly ? "未読のお知らせはありません。" : "お知らせはまだありません。質問への回答や団体の審査結果などがここに届きます。"}
        </p>
      ) : (
        <>
          {unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <SubmitButton className="button">
                すべて既読にする（未読 {unread}件）
              </SubmitButton>
            </Form>
          ) : null}
          <PageCount total={total} page={page} pageCount={pageCount} />
          <ul className="cards">
            {notifications.map((n) => (
              <li key={n.id} className="card">
                <h2>
                  {n.read_at ? null : <span className="status status-draft">未読</span>} {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                </h2>
                <p className="prose">{n.body}</p>
                <p className="hint">{formatDateTime(n.created_at)}</p>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} link={(p) => listLink(p, unreadOnly)} />
        </>
      )}
      <section className="panel" aria-labelledby="mail-frequency">
        <h2 id="mail-frequency">メールの受け取り方</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="frequency" />
          <fieldset className="field choices" aria-describedby={fields.mailFrequency.errorId}>
            <legend>お知らせのメール</legend>
            {MAIL_FREQUENCIES.map((f) => (
              <label key={f.code} className="choice">
                <input type="radio" name={fields.mailFrequency.name} value={f.code} defaultChecked={fields.mailFrequency.initialValue === f.code} /> {f.label}
              </label>
            ))}
            <FieldErrors id={fields.mailFrequency.errorId} errors={fields.mailFrequency.errors} />
          </fieldset>
          <SubmitButton>保存する</SubmitButton>
        </Form>
      </section>
    </>
  );
}
