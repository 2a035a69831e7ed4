import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { getDb } from "~/db.server";
import { formatFiscalYearRangeWithWestern } from "~/domain/calendar/fiscal-year";
import { formatFileSize } from "~/domain/number-format";
import { importPlan, type ImportPlanReport } from "~/domain/plans/commands.server";
import { keptFieldsMessage } from "~/domain/plans/kept-fields";
import { parsePlanFile } from "~/domain/plans/import/file.server";
import { PlanImportError } from "~/domain/plans/import/issues";
import { planUploadOptionsSchema } from "~/domain/plans/schema";
import { dropStagedUpload, stageUpload, takeStagedUpload } from "~/domain/plans/uploads.server";
import type { ImportIssue } from "~/domain/plans/types";
import { SubmitButton } from "~/components/forms/form";

export const meta: MetaFunction = () => [{ title: "計画書の取り込み | 協働マッチングポータル" }];

const MAX_BYTES = 10 * 1024 * 1024;
/** The limit as the page and its refusal state it (「10MB」). */
const MAX_SIZE = formatFileSize(MAX_BYTES);

type Result =
  | { kind: "issues"; fileName: string | null; issues: ImportIssue[] }
  | { kind: "preview"; fileName: string; token: string; report: ImportPlanReport };

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "plan:import");
  return null;
}

/** "Shiroi 2018.txt" → "shiroi-2018"; a date-stamped name when the file name has no usable letters. */
function slugFromFileName(fileName: string): string {
  const slug = fileName
    .replace(/\.[^.]*$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "")
    .slice(0, 63);
  return /^[a-z0-9]/.test(slug) ? slug : `plan-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`;
}

const issuesResult = (fileName: string | null, issues: ImportIssue[], status = 400) => json<Result>({ kind: "issues", fileName, issues }, { status });

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "plan:import");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return issuesResult(null, [{ line: 0, message: `ファイルが大きすぎます（${MAX_SIZE}まで）。` }], 413);
    }
    form = new FormData(); // not a multipart form at all: treated like a form without a file
  }
  const intent = form.get("intent") === "import" ? "import" : "preview";
  const options = planUploadOptionsSchema.safeParse({ slug: form.get("slug") ?? undefined, name: form.get("name") ?? undefined });
  if (!options.success) return issuesResult(null, options.error.issues.map((i) => ({ line: 0, message: i.message })));

  // The file: chosen now, or staged by an earlier preview (the import button after a preview).
  const file = form.get("file");
  const token = String(form.get("token") ?? "");
  let bytes: Uint8Array;
  let fileName: string;
  let slug: string;
  let name: string | undefined;
  if (file instanceof File && file.size > 0) {
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = file.name;
    slug = options.data.slug ?? slugFromFileName(file.name);
    name = options.data.name;
  } else if (token) {
    const staged = takeStagedUpload(viewer.id, token);
    if (!staged) return issuesResult(null, [{ line: 0, message: "確認した内容の有効期限（1時間）が切れました。もう一度ファイルを選んでください。" }]);
    ({ bytes } = staged);
    ({ fileName, slug, name } = staged.meta);
  } else {
    return issuesResult(null, [{ line: 0, message: "計画書のファイルを選んでください。" }]);
  }

  let parsed;
  try {
    parsed = await parsePlanFile(bytes);
  } catch (error) {
    if (error instanceof PlanImportError) return issuesResult(fileName, error.issues);
    throw error;
  }

  if (intent === "preview") {
    const report = await importPlan(getDb(), parsed, { slug, name, actorId: viewer.id, dryRun: true });
    const staged = stageUpload(viewer.id, bytes, { fileName, slug, name });
    return json<Result>({ kind: "preview", fileName, token: staged, report });
  }
  const report = await importPlan(getDb(), parsed, { slug, name, actorId: viewer.id });
  if (token) dropStagedUpload(token);
  const { added, updated, removed, kept } = report.measures;
  return redirectWithNotice(
    `/plans/${report.slug}`,
    `計画書「${fileName}」を取り込みました（施策 追加${added}・更新${updated}・削除${removed}${kept ? `・保持${kept}` : ""}、状況の変更${report.statusChanges}件）。`,
  );
}

function IssueList({ issues }: { issues: ImportIssue[] }) {
  return (
    <ul>
      {issues.map((issue, i) => (
        <li key={i}>
          {issue.line > 0 ? `${issue.line}行目: ` : ""}
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

function Codes({ label, codes }: { label: string; codes: string[] }) {
  if (codes.length === 0) return null;
  return (
    <p>
      {label}（{codes.length}件）: {codes.slice(0, 50).join("、")}
      {codes.length > 50 ? ` ほか${codes.length - 50}件` : ""}
    </p>
  );
}

function Report({ report, fileName }: { report: ImportPlanReport; fileName: string }) {
  const { measures, entries, summary, changes } = report;
  const years = summary.fiscalYears;
  const kept = keptFieldsMessage(report.keptFields);
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">取り込みの確認（まだ書き込んでいません）</h2>
      <p>
        ファイル: {fileName} → 計画の識別名 <code>{report.slug}</code>
        {report.created ? "（新しい計画として登録します）" : "（登録済みの計画を更新します）"}
      </p>
      <table>
        <caption>取り込んだ後の計画</caption>
        <tbody>
          <tr>
            <th scope="row">施策</th>
            <td>{summary.measures}件</td>
          </tr>
          <tr>
            <th scope="row">実施したこと</th>
            <td>{summary.entries}件</td>
          </tr>
          <tr>
            <th scope="row">状況</th>
            <td>
              {Object.entries(summary.statuses)
                .map(([status, n]) => `${status} ${n}件`)
                .join("、") || "なし"}
            </td>
          </tr>
          <tr>
            <th scope="row">年度</th>
            <td>{years[0] !== null ? formatFiscalYearRangeWithWestern(years[0], years[1] ?? years[0]) : "記載なし"}</td>
          </tr>
        </tbody>
      </table>
      {kept ? (
        <p className="notice" role="note">
          {kept}
        </p>
      ) : null}
      {report.created ? null : (
        <>
          <h3>前回の取り込みからの変更</h3>
          <p>
            施策: 追加 {measures.added}・更新 {measures.updated}・削除 {measures.removed}・変更なし {measures.unchanged}
            {measures.kept ? `・保持 ${measures.kept}` : ""}。実施したこと: 追加 {entries.added}・削除 {entries.removed}。状況の変更{" "}
            {report.statusChanges}件。
          </p>
          <Codes label="追加" codes={changes.added} />
          <Codes label="更新" codes={changes.updated} />
          <Codes label="削除" codes={changes.removed} />
          <Codes label="職員の記録があるため保持" codes={changes.kept} />
          {changes.statuses.length > 0 ? (
            <ul>
              {changes.statuses.map((s) => (
                <li key={s.code}>
                  {s.code}: {s.from ?? "なし"} → {s.to ?? "なし"}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      {report.warnings.length > 0 ? (
        <>
          <h3>確認してほしい点（{report.warnings.length}件）</h3>
          <IssueList issues={report.warnings} />
        </>
      ) : null}
    </section>
  );
}

export default function ImportPlan() {
  const actionData = useActionData<typeof action>();
  const [xhrResult, setXhrResult] = useState<Result | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const result = (xhrResult ?? actionData) as Result | undefined;

  // With JavaScript, the upload goes through XMLHttpRequest so that a large file shows its progress;
  // without it, the form posts as usual and the server answers with the same page.
  function upload(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name) data.set(submitter.name, submitter.value);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${window.location.pathname}?_data=${encodeURIComponent("routes/plans.import")}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setProgress(null);
      const redirectTo = xhr.getResponseHeader("X-Remix-Redirect");
      if (redirectTo) {
        window.location.assign(redirectTo);
        return;
      }
      try {
        setXhrResult(JSON.parse(xhr.responseText) as Result);
      } catch {
        setXhrResult({ kind: "issues", fileName: null, issues: [{ line: 0, message: `送信できませんでした（${xhr.status}）。` }] });
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setXhrResult({ kind: "issues", fileName: null, issues: [{ line: 0, message: "送信できませんでした。通信状態を確認してください。" }] });
    };
    setProgress(0);
    xhr.send(data);
  }

  return (
    <>
      <h1>計画書の取り込み</h1>
      <p>
        協働の計画の進捗一覧・実行計画を取り込みます。対応している形式: 白井市の進捗一覧、山口市の実行計画、重点区分付きの進捗状況一覧（いずれもタブ区切りのテキスト。UTF-8・Shift_JIS、
        Excel の「Unicode テキスト」、Excel で保存し直したものも可）、このポータルが書き出した進捗一覧（Excel・CSV）。まず内容を確認し、問題がなければ取り込みます。ファイルに誤りがあると行番号つきで表示し、何も書き込みません。
      </p>
      {result?.kind === "issues" ? (
        <div className="form-errors" role="alert">
          <p>{result.fileName ? `「${result.fileName}」を取り込めませんでした。` : "取り込めませんでした。"}次の点を直して、もう一度お試しください。</p>
          <IssueList issues={result.issues} />
        </div>
      ) : null}
      {result?.kind === "preview" ? (
        <>
          <Report report={result.report} fileName={result.fileName} />
          <Form method="post" encType="multipart/form-data" onSubmit={upload}>
            <input type="hidden" name="token" value={result.token} />
            <SubmitButton name="intent" value="import" className="button primary">
              この内容で取り込む
            </SubmitButton>
          </Form>
          <h2>別のファイルを選ぶ</h2>
        </>
      ) : null}
      <Form method="post" encType="multipart/form-data" ref={formRef} onSubmit={upload}>
        <div className="field">
          <label htmlFor="plan-file">
            計画書のファイル<span className="required">（必須）</span>
          </label>
          <p className="hint" id="plan-file-hint">
            .txt（タブ区切り）・.csv・.xlsx、{MAX_SIZE}まで
          </p>
          <input id="plan-file" type="file" name="file" accept=".txt,.tsv,.csv,.xlsx,text/plain,text/csv" required aria-describedby="plan-file-hint" />
        </div>
        <div className="field">
          <label htmlFor="plan-slug">計画の識別名（URLに使います）</label>
          <p className="hint" id="plan-slug-hint">
            英小文字・数字・-・_。省略するとファイル名から作ります。登録済みの識別名を指定すると、その計画を更新します。
          </p>
          <input id="plan-slug" name="slug" pattern="[a-z0-9][a-z0-9_\-]{0,62}" aria-describedby="plan-slug-hint" />
        </div>
        <div className="field">
          <label htmlFor="plan-name">計画の名前</label>
          <p className="hint" id="plan-name-hint">
            省略すると計画書の表題を使います。
          </p>
          <input id="plan-name" name="name" maxLength={200} aria-describedby="plan-name-hint" />
        </div>
        {progress !== null ? (
          <p role="status">
            <label htmlFor="plan-upload-progress">送信中 {progress}%</label>{" "}
            <progress id="plan-upload-progress" max={100} value={progress}>
              {progress}%
            </progress>
          </p>
        ) : null}
        <SubmitButton name="intent" value="preview" className="button primary" disabled={progress !== null}>
          内容を確認する
        </SubmitButton>
      </Form>
      <p>
        <Link to="/plans">協働の計画へ</Link>
      </p>
    </>
  );
}
