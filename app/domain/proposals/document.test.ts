import { describe, expect, it } from "vitest";
import { contentSections, emptyContent } from "./content";
import { documentTitle, headerRows, printSections, proposalPdfFileName, type PrintSection } from "./document";
import { sampleContent, sampleProposalDocument } from "../../../tests/fixtures/proposal-document";

const tablesOf = (sections: PrintSection[], key: string) => {
  const section = sections.find((s) => s.key === key);
  if (section?.kind !== "tables") throw new Error(`${key} is not a table section`);
  return section.tables;
};

describe("headerRows", () => {
  it("lists the header fields in the form's order, with the fiscal year in the era", () => {
    const rows = headerRows(sampleProposalDocument());
    expect(rows.map((r) => r.label)).toEqual(["受付番号", "状態", "年度", "募集名", "提案の種類", "テーマ／関係課", "団体名", "提出日"]);
    expect(rows.find((r) => r.label === "年度")?.value).toBe("令和9年度");
    expect(rows.find((r) => r.label === "提出日")?.value).toBe("令和9年5月20日");
    expect(rows.find((r) => r.label === "状態")?.value).toBe("受付済み（第1版）");
  });

  it("says a draft has no receipt number and no submission date yet", () => {
    const rows = headerRows(sampleProposalDocument({ receiptNumber: null, submittedAt: null, version: 0, statusLabel: "下書き" }));
    expect(rows.find((r) => r.label === "受付番号")?.value).toBe("（未提出）");
    expect(rows.find((r) => r.label === "提出日")?.value).toBe("（未提出）");
    expect(rows.find((r) => r.label === "状態")?.value).toBe("下書き");
  });
});

describe("printSections", () => {
  it("follows the form's order (contentSections), then the attachments", () => {
    const doc = sampleProposalDocument();
    expect(printSections(doc).map((s) => s.key)).toEqual([...contentSections(doc.content).map((s) => s.key), "attachments"]);
  });

  it("prints the schedule, roles, budget and indicators as tables", () => {
    const sections = printSections(sampleProposalDocument());
    expect(tablesOf(sections, "schedule")[0]).toMatchObject({ head: ["時期", "実施内容"], rows: [["4月", "準備会・協定先への説明"], expect.anything(), expect.anything()] });
    expect(tablesOf(sections, "roles")[0].head).toEqual(["作業", "団体", "市"]);
    expect(tablesOf(sections, "indicators")[0].rows[1]).toEqual(["見守り協定の締結地区数", "3年目までに12地区"]);
  });

  it("totals the budget per year and overall: the project's cost and what the city is asked for", () => {
    const [lines, totals] = tablesOf(printSections(sampleProposalDocument()), "budget");
    expect(lines.head).toEqual(["年目", "費目", "金額", "負担者"]);
    expect(lines.rows[0]).toEqual(["1年目", "講師謝礼", "180,000円", "市"]);
    expect(lines.rows[3]).toEqual(["2年目", "会場費", "45,000円", "その他（助成金・参加費など）"]);
    expect(totals.head).toEqual(["", "1年目", "2年目", "合計"]);
    expect(totals.rows).toEqual([
      ["総事業費", "240,000円", "225,000円", "465,000円"],
      ["市への申請額", "180,000円", "180,000円", "360,000円"],
    ]);
    expect(totals.numeric).toEqual([1, 2, 3]);
  });

  it("sorts budget lines by year, as the totals are read", () => {
    const content = sampleContent({ budget: [{ year: 2, item: "B", amount: 1, bearer: "city" }, { year: 1, item: "A", amount: 2, bearer: "city" }] });
    const [lines] = tablesOf(printSections(sampleProposalDocument({ content })), "budget");
    expect(lines.rows.map((r) => r[1])).toEqual(["A", "B"]);
  });

  it("gives empty table sections no tables (they print （記入なし）) and keeps empty texts empty", () => {
    const sections = printSections(sampleProposalDocument({ content: emptyContent(), attachments: [] }));
    for (const key of ["schedule", "roles", "budget", "indicators", "attachments"]) expect(tablesOf(sections, key)).toEqual([]);
    expect(sections.find((s) => s.key === "problem")).toEqual({ kind: "text", key: "problem", label: "地域の課題とその根拠", text: "" });
  });
});

describe("names", () => {
  it("titles the document with the proposal's title, else 提案書", () => {
    expect(documentTitle(sampleProposalDocument())).toBe("地域ぐるみの高齢者見守りネットワーク事業");
    expect(documentTitle(sampleProposalDocument({ content: emptyContent() }))).toBe("提案書");
  });

  it("names the PDF after the receipt number and version", () => {
    expect(proposalPdfFileName(sampleProposalDocument())).toBe("提案書_R9-市民-0003.pdf");
    expect(proposalPdfFileName(sampleProposalDocument({ version: 2 }))).toBe("提案書_R9-市民-0003_第2版.pdf");
    expect(proposalPdfFileName(sampleProposalDocument({ receiptNumber: null, version: 0 }))).toBe("提案書_下書き.pdf");
  });
});
