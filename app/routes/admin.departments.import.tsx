import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { importDepartments, type DepartmentImportReport } from "~/domain/departments/commands.server";
import { parseDepartmentsCsv, type CsvIssue } from "~/domain/departments/csv.server";
import { formatFileSize } from "~/domain/number-format";
import { SubmitButton } from "~/components/forms/form";

export const meta: MetaFunction = () => [{ title: "担当課をCSVから取り込む | 協働マッチングポータル" }];

// 1MB as the portal states sizes (formatFileSize: units of 1,024), so the limit is what the message says.
const MAX_BYTES = 1024 * 1024;
/** The limit as the page and its refusal state it (「1MB」). */
const MAX_SIZE = formatFileSize(MAX_BYTES);

type Result = { issues: CsvIssue[]; report: null } | { issues: []; report: DepartmentImportReport };

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:departments:manage");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "admin:departments:manage");
  let file: FormDataEntryValue | null;
  try {
    const formData = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }),
    );
    file = formData.get("file");
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return json<Result>({ issues: [{ line: 0, message: `ファイルが大きすぎます（${MAX_SIZE}まで）。` }], report: null }, { status: 413 });
    }
    // Not a multipart form at all (a hand-made request): treated like a form without a file.
    file = null;
  }
  if (!(file instanceof File) || file.size === 0) {
    return json<Result>({ issues: [{ line: 0, message: "CSVファイルを選んでください。" }], report: null }, { status: 400 });
  }
  const { rows, issues } = parseDepartmentsCsv(new Uint8Array(await file.arrayBuffer()));
  // A list with any bad row changes nothing, so that it can be fixed and imported again whole.
  if (issues.length > 0) return json<Result>({ issues, report: null }, { status: 400 });
  const report = await importDepartments(getDb(), viewer, rows);
  return json<Result>({ issues: [], report });
}

export default function ImportDepartments() {
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>担当課をCSVから取り込む</h1>
      <p>
        1行目に列名（課名,部名,連絡先）を書いたCSVファイルを選んでください。UTF-8でもShift_JIS（Excelの「CSV」保存）でも読めます。
        同じ課名の行は部名・連絡先を更新し、新しい課名は追加します。1行でも誤りがあると、何も取り込みません。
      </p>
      {result?.report ? (
        <div className="notice" role="status">
          <p>
            取り込みました: 追加 {result.report.added.length} 件、更新 {result.report.updated.length} 件、変更なし {result.report.unchanged} 件。
          </p>
          {result.report.added.length > 0 ? <p>追加: {result.report.added.join("、")}</p> : null}
          {result.report.updated.length > 0 ? <p>更新: {result.report.updated.join("、")}</p> : null}
        </div>
      ) : null}
      {result && result.issues.length > 0 ? (
        <div className="form-errors" role="alert">
          <p>取り込めませんでした。次の点を直して、もう一度お試しください。</p>
          <ul>
            {result.issues.map((issue, i) => (
              <li key={i}>
                {issue.line > 0 ? `${issue.line}行目: ` : ""}
                {issue.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="departments-file">CSVファイル</label>
          <p className="hint" id="departments-file-hint">
            .csv、{MAX_SIZE}まで
          </p>
          <input id="departments-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="departments-file-hint" />
        </div>
        <SubmitButton className="button primary">
          取り込む
        </SubmitButton>
      </Form>
      <p>
        <Link to="/admin/departments">担当課の一覧へ戻る</Link>
      </p>
    </>
  );
}
