import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { emptyContent } from "~/domain/proposals/content";
import { printSections } from "~/domain/proposals/document";
import { sampleContent, sampleProposalDocument } from "../../../tests/fixtures/proposal-document";
import { ProposalPrint } from "./proposal-print";

const render = (doc = sampleProposalDocument()) => renderToStaticMarkup(createElement(ProposalPrint, { doc }));

describe("ProposalPrint", () => {
  it("prints the heading, the header table, then the sections in the form's order", () => {
    const doc = sampleProposalDocument();
    const html = render(doc);
    const at = (text: string) => {
      const i = html.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    const positions = [
      at("<h1"),
      at(">受付番号</th><td>R9-市民-0003</td>"),
      at(">年度</th><td>令和9年度</td>"),
      at(">提出日</th><td>令和9年5月20日</td>"),
      ...printSections(doc).map((s) => at(`data-section="${s.key}"`)),
    ];
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(html.match(/<section /g)).toHaveLength(printSections(doc).length);
  });

  it("prints the tables with column and row headers", () => {
    const html = render();
    expect(html).toContain('<th scope="col">時期</th><th scope="col">実施内容</th>');
    expect(html).toContain('<th scope="col">作業</th><th scope="col">団体</th><th scope="col">市</th>');
    expect(html).toContain('<th scope="col">年目</th><th scope="col">費目</th><th scope="col">金額</th><th scope="col">負担者</th>');
    expect(html).toMatch(/<th scope="row"[^>]*>総事業費<\/th><td class="multiline num">240,000円<\/td><td class="multiline num">225,000円<\/td><td class="multiline num">465,000円<\/td>/);
    expect(html).toMatch(/<th scope="row"[^>]*>市への申請額<\/th>.*360,000円/);
    expect(html).toContain('<th scope="col">指標</th><th scope="col">目標値</th>');
  });

  it("renders texts as text, keeping their line breaks", () => {
    const content = sampleContent({ problem: '<script>alert("x")</script>\r\n二行目<b>太字</b>' });
    const html = render(sampleProposalDocument({ content }));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain('<p class="multiline">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n二行目&lt;b&gt;太字&lt;/b&gt;</p>');
  });

  it("prints （記入なし） for every empty section", () => {
    const html = render(sampleProposalDocument({ content: emptyContent(), attachments: [] }));
    const sections = printSections(sampleProposalDocument({ content: emptyContent(), attachments: [] }));
    expect(html.match(/（記入なし）/g)).toHaveLength(sections.length);
    expect(html).not.toContain("proposal-table");
  });
});
