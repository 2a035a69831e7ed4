import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { useSchemaForm } from "~/components/forms/form";
import { SheetBody } from "~/components/sheets/sheet-body";
import { InterestedGroupsPanel, InterestPanel } from "~/components/sheets/sheet-interest";
import { SheetManagePanel } from "~/components/sheets/sheet-manage";
import { OpenCallsPanel } from "~/components/sheets/sheet-open-calls";
import { QuestionsPanel } from "~/components/sheets/sheet-questions";
import { SheetSuggestionsPanel } from "~/components/sheets/sheet-suggestions";
import { getDb } from "~/db.server";
import { loadSheetFor } from "~/auth/access/sheets.server";
import {
  answerQuestion,
  askQuestion,
  changeSheetStatus,
  markInterest,
  SheetRefusedError,
} from "~/domain/sheets/commands.server";
import { suggestGroupsForSheet } from "~/domain/matching/suggestions.server";
import { openCallsForSheet } from "~/domain/calls/queries.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { approvedGroupsOf, listInterests, listQuestions, unansweredQuestionsOfMember } from "~/domain/sheets/queries.server";
import { answerSchema, interestSchema, questionSchema, SHEET_PRIORITIES, statusSchema, storedSheetInput } from "~/domain/sheets/schema";
import { SHEET_STATUS_LABELS } from "~/domain/sheets/lifecycle";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.sheet.title ?? "マッチングシート"} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, sheet, subject } = await loadSheetFor(args, "sheet:view");
  const db = getDb();
  const forDepartment = can(viewer, "sheet:view-interest", subject);
  const [questions, interests, suggestions, myGroups, openCalls, myUnanswered] = await Promise.all([
    listQuestions(db, sheet.id, { forDepartment }),
    forDepartment ? listInterests(db, sheet.id) : Promise.resolve(null),
    forDepartment ? suggestGroupsForSheet(db, sheet) : Promise.resolve(null),
    viewer && can(viewer, "sheet:ask", subject) ? approvedGroupsOf(db, viewer.id, sheet.id) : Promise.resolve([]),
    sheet.status === "published" ? openCallsForSheet(db, sheet.id) : Promise.resolve([]),
    // The department sees every question already; a member sees its own groups' ones still waiting.
    viewer && !forDepartment ? unansweredQuestionsOfMember(db, viewer.id, sheet.id) : Promise.resolve([]),
  ]);
  return json({
    sheet,
    questions,
    interests,
    suggestions,
    myGroups,
    openCalls,
    myUnanswered,
    may: {
      edit: can(viewer, "sheet:edit", subject),
      answer: can(viewer, "sheet:answer", subject),
      changeStatus: can(viewer, "sheet:change-status", subject),
      ask: can(viewer, "sheet:ask", subject),
      // Anyone not signed in may be a group member yet: the link takes them through sign-in to the call.
      propose: viewer === null || can(viewer, "proposal:create"),
    },
    signedIn: viewer !== null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const formData = await readForm(args.request);
  const intent = formData.get("intent");
  const db = getDb();
  const here = `/sheets/${args.params.id}`;

  if (intent === "ask") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:ask");
    const submission = parseWithZod(formData, { schema: questionSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      const { notificationIds } = await askQuestion(db, viewer!, sheet.id, submission.value.groupId, submission.value.question);
      await mailNow(db, notificationIds, args.context.origin);
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      return json({ intent, result: submission.reply({ fieldErrors: error.problems }) }, { status: error.status });
    }
    return redirectWithNotice(here, "質問を送りました。担当課が回答すると、このページに公開されます。");
  }

  if (intent === "interest") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:mark-interest");
    const submission = parseWithZod(formData, { schema: interestSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await mailNow(db, await markInterest(db, viewer!, sheet.id, submission.value.groupId, submission.value.level), args.context.origin);
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      return json({ intent, result: submission.reply({ fieldErrors: error.problems }) }, { status: error.status });
    }
    return redirectWithNotice(here, submission.value.level === "none" ? "関心の表明を取り消しました。" : "担当課に関心を伝えました。");
  }

  if (intent === "answer") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:answer");
    const submission = parseWithZod(formData, { schema: answerSchema });
    const questionId = String(formData.get("questionId") ?? "");
    if (submission.status !== "success") return json({ intent, questionId, result: submission.reply() }, { status: 400 });
    try {
      const notificationIds = await answerQuestion(db, viewer!, sheet.id, submission.value.questionId, submission.value.answer);
      await mailNow(db, notificationIds, args.context.origin);
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      return json({ intent, questionId, result: submission.reply({ formErrors: [error.reason] }) }, { status: error.status });
    }
    return redirectWithNotice(here, "回答を公開しました。すべての団体が同じ回答を見られます。");
  }

  if (intent === "status") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:change-status");
    const submission = parseWithZod(formData, { schema: statusSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await changeSheetStatus(db, viewer!, sheet, submission.value.to, storedSheetInput(sheet));
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      // The status form has no fields: what publishing still needs is listed under the reason.
      const missing = Object.values(error.problems).flat();
      return json({ intent, result: submission.reply({ formErrors: [error.reason, ...missing] }) }, { status: error.status });
    }
    return redirectWithNotice(here, `「${SHEET_STATUS_LABELS[submission.value.to]}」にしました。`);
  }

  await loadSheetFor(args, "sheet:view");
  return json({ intent: null, result: null }, { status: 400 });
}

export default function SheetPage() {
  const { sheet, questions, interests, suggestions, myGroups, openCalls, myUnanswered, may, signedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultOf = (intent: string) => (actionData && actionData.intent === intent ? actionData.result : null);
  // The forms are made here, where they always were: conform names their fields after React's id of this place.
  const askForm = useSchemaForm(questionSchema, resultOf("ask"), { intent: "ask", groupId: myGroups[0]?.id });
  const interestForm = useSchemaForm(interestSchema, resultOf("interest"), { intent: "interest", groupId: myGroups[0]?.id });
  const answerResult = (questionId: string) => (actionData && "questionId" in actionData && actionData.questionId === questionId ? actionData.result : null);

  return (
    <article>
      <p>
        <Link to="/sheets">マッチングシートの一覧</Link>
      </p>
      <h1>{sheet.title}</h1>
      <p>
        {sheet.department_name} · <span className={`status status-${sheet.status}`}>{SHEET_STATUS_LABELS[sheet.status]}</span>
        {sheet.priority !== "normal" ? ` · ${SHEET_PRIORITIES.label(sheet.priority)}` : null}
      </p>
      <SheetManagePanel sheet={sheet} may={may} errors={resultOf("status")?.error?.[""]} />
      <SheetBody sheet={sheet} />
      <OpenCallsPanel openCalls={openCalls} mayPropose={may.propose} signedIn={signedIn} />
      <QuestionsPanel
        sheetStatus={sheet.status}
        questions={questions}
        myUnanswered={myUnanswered}
        myGroups={myGroups}
        may={may}
        signedIn={signedIn}
        askForm={askForm}
        answerResult={answerResult}
      />
      {may.ask ? <InterestPanel myGroups={myGroups} interestForm={interestForm} /> : null}
      {interests ? <InterestedGroupsPanel sheetStatus={sheet.status} interests={interests} /> : null}
      {suggestions ? <SheetSuggestionsPanel suggestions={suggestions} /> : null}
    </article>
  );
}
