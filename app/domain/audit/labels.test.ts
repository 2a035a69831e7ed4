import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionLabel, describeAuditDetail, detailReferences, readAuditDetail } from "./labels";

/** Every `action: "area.verb"` literal in the code that writes the audit log. */
function recordedActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, "utf8");
        if (!text.includes("recordAudit(")) continue;
        // Notification kinds ("kind: \"sheet.consult\"") share the shape; they are not audit operations.
        for (const m of text.matchAll(/(?<!kind: )["'`]((?:user|role|department|group|sheet|call|proposal|review|award|project|plan)\.[a-z_.-]+)["'`]/g)) {
          found.add(m[1]);
        }
      }
    }
  };
  walk(path.resolve(__dirname, "../.."));
  walk(path.resolve(__dirname, "../../../db"));
  return [...found].sort();
}

describe("the audit log in the city's words", () => {
  it("names every operation the code records", () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(40);
    expect(actions.filter((a) => !(a in AUDIT_ACTION_LABELS))).toEqual([]);
  });

  it("names each proposal transition and group decision, and says so for an operation it does not know", () => {
    expect(auditActionLabel("proposal.decide_adopt")).toBe("提案: 採択");
    expect(auditActionLabel("proposal.start_review")).toBe("提案: 一次審査（書類審査）");
    expect(auditActionLabel("group.approve")).toBe("団体の承認");
    expect(auditActionLabel("user.password.reset")).toBe("パスワードの再設定");
    expect(auditActionLabel("x.unknown")).toBe("その他の操作（x.unknown）");
  });

  /** A stored detail's lines, read as the audit page reads it. */
  const describe_ = (stored: string, names: ReadonlyMap<string, string>) => describeAuditDetail(readAuditDetail(stored), names);

  it("reads the plan import's report, a review stage's settings, a group's changed fields and a linked evidence in Japanese", () => {
    const stored = {
      planId: "p-1",
      slug: "shiroi",
      created: false,
      planUpdated: true,
      statusChanges: 1,
      changes: { added: [], updated: ["1-(1)"], removed: [], kept: [], statuses: [{ code: "1-(1)", from: null, to: "実施中" }] },
      warnings: 2,
      keptFields: [{ field: "purpose", label: "目的", count: 3 }],
    };
    expect(describe_(JSON.stringify(stored), new Map([["p-1", "白井市協働推進計画"]]))).toEqual([
      { label: "計画", value: "白井市協働推進計画" },
      { label: "識別名", value: "shiroi" },
      { label: "新しく作成", value: "いいえ" },
      { label: "計画の項目の更新", value: "はい" },
      { label: "状態を変更した施策の数", value: "1" },
      { label: "変更した施策", value: "追加 なし、更新 1-(1)、削除 なし、残したもの なし、状態の変更 施策番号 1-(1)、変更前 なし、変更後 実施中" },
      { label: "注意の数", value: "2" },
      { label: "ファイルになく残した列", value: "目的（3件）" },
    ]);
    expect(describe_(JSON.stringify({ stage: "document_review", deadline: "2027-03-01T08:00:00.000Z", latePolicy: "allow", showOthers: false }), new Map())).toEqual([
      { label: "審査段階", value: "書類審査（一次審査）" },
      { label: "締切", value: "令和9年3月1日（月）17:00" },
      { label: "締切後の扱い", value: "締切後も受け付け、遅延として記録する" },
      { label: "他の委員の採点を見せる", value: "いいえ" },
    ]);
    expect(describe_(JSON.stringify({ fields: ["nameKana", "mission"] }), new Map())).toEqual([{ label: "変更した項目", value: "ふりがな、活動の目的・内容" }]);
    expect(describe_(JSON.stringify({ measureId: "m-1", subjectType: "project", subjectId: "x", fiscalYear: 2026, departmentName: "企画政策課" }), new Map())).toEqual([
      { label: "対象の種類", value: "協働事業" },
      { label: "年度", value: "2026" },
      { label: "担当課", value: "企画政策課" },
    ]);
  });

  it("reads the detail as 項目: 値, with statuses, roles and referenced records by name", () => {
    const names = new Map([["u-1", "審査 一郎（r@example.jp）"]]);
    expect(describe_(JSON.stringify({ from: "in_review", to: "adopted", reason: "地域の課題に合う" }), names)).toEqual([
      { label: "変更前", value: "一次審査中" },
      { label: "変更後", value: "採択" },
      { label: "理由", value: "地域の課題に合う" },
    ]);
    expect(describe_(JSON.stringify({ email: "a@example.jp", roles: ["reviewer", "admin"], source: "cli" }), names)).toEqual([
      { label: "メールアドレス", value: "a@example.jp" },
      { label: "役割", value: "審査委員、システム管理者" },
      { label: "経路", value: "運用コマンド" },
    ]);
    // Accounts made by the test suite and the bench dataset say so in Japanese too.
    expect(describe_(JSON.stringify({ source: "bench" }), names)).toEqual([{ label: "経路", value: "性能測定用データ" }]);
    expect(describe_(JSON.stringify({ stage: "document_review", reviewerId: "u-1", questionId: "q-9" }), names)).toEqual([
      { label: "審査段階", value: "書類審査（一次審査）" },
      { label: "審査委員", value: "審査 一郎（r@example.jp）" },
    ]);
    expect(describe_(JSON.stringify({ userId: "gone" }), names)).toEqual([{ label: "利用者", value: "（削除済み）" }]);
    expect(describe_("{}", names)).toEqual([]);
    // Times stored in UTC are read on the Tokyo clock, in the era; a stored date is that day.
    expect(describe_(JSON.stringify({ closesAt: "2027-01-31T23:30:00.000Z", applyUntil: "2027-02-15" }), names).map((l) => l.value)).toEqual([
      "令和9年2月1日（月）8:30",
      "令和9年2月15日",
    ]);
  });

  it("shows a detail that is not JSON as it is, and finds the records a detail names from the same reading", () => {
    expect(describe_("legacy text", new Map())).toEqual([{ label: "内容", value: "legacy text" }]);
    expect(describe_("[1,2]", new Map())).toEqual([]);
    expect(detailReferences(readAuditDetail("legacy text"))).toEqual([]);
    const stored = readAuditDetail(JSON.stringify({ planId: "p-1", userId: "u-1", entryId: "e-1", changes: { added: ["1", "1-(1)"] } }));
    expect(detailReferences(stored)).toEqual([
      { type: "plan", id: "p-1" },
      { type: "user", id: "u-1" },
    ]);
    expect(describeAuditDetail(stored, new Map([["p-1", "白井市協働推進計画"]]))).toEqual([
      { label: "計画", value: "白井市協働推進計画" },
      { label: "利用者", value: "（削除済み）" },
      { label: "変更した施策", value: "追加 1、1-(1)" },
    ]);
  });
});
