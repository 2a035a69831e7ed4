// The proposal as a printable A4 document (提案書): heading, header table, then every section of the
// form in its order (document.ts decides what and in which order; the PDF renders the same). Texts are
// rendered as text — React escapes them — and keep their line breaks (white-space: pre-wrap).
import { EMPTY_MARK, headerRows, normalizeLineBreaks, printSections, type PrintSection, type PrintTable, type ProposalDocument } from "~/domain/proposals/document";

export function ProposalPrint({ doc }: { doc: ProposalDocument }) {
  return <PrintedDocument heading="提案書" header={headerRows(doc)} sections={printSections(doc)} />;
}

/**
 * Any printable document of the portal (the proposal, the decision letter): heading, header table, an
 * optional opening paragraph, then the numbered sections — what `renderPrintablePdf` draws as a PDF.
 */
export function PrintedDocument({ heading, header, lead, sections }: { heading: string; header: { label: string; value: string }[]; lead?: string; sections: PrintSection[] }) {
  return (
    <article className="proposal-print" aria-labelledby="proposal-print-heading">
      <h1 id="proposal-print-heading">{heading}</h1>
      <table className="proposal-header">
        <tbody>
          {header.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lead ? <p className="multiline">{normalizeLineBreaks(lead)}</p> : null}
      {sections.map((section, i) => {
        const headingId = `proposal-section-${section.key}`;
        return (
          <section key={section.key} className="proposal-section" aria-labelledby={headingId} data-section={section.key}>
            <h2 id={headingId}>
              {i + 1}. {section.label}
            </h2>
            {section.kind === "text" ? (
              section.text ? (
                <p className="multiline">{normalizeLineBreaks(section.text)}</p>
              ) : (
                <p className="proposal-empty">{EMPTY_MARK}</p>
              )
            ) : section.tables.length > 0 ? (
              section.tables.map((table) => <PrintedTable key={table.caption} table={table} />)
            ) : (
              <p className="proposal-empty">{EMPTY_MARK}</p>
            )}
          </section>
        );
      })}
    </article>
  );
}

/** Up to this many rows a table is kept whole on one printed page (see portal.css). */
const SHORT_TABLE_ROWS = 10;

function PrintedTable({ table }: { table: PrintTable }) {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const cellClass = (column: number) => ["multiline", table.numeric.includes(column) ? "num" : ""].filter(Boolean).join(" ");
  return (
    <table className={table.rows.length <= SHORT_TABLE_ROWS ? "proposal-table short" : "proposal-table"}>
      <caption className="visually-hidden">{table.caption}</caption>
      <colgroup>
        {table.widths.map((w, i) => (
          // The width attribute, not a style: the Content-Security-Policy (style-src 'self') drops inline styles.
          <col key={i} width={`${((w / total) * 100).toFixed(1)}%`} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {table.head.map((label, i) => (label ? <th key={i} scope="col">{label}</th> : <td key={i} />))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) =>
              c === 0 && table.rowHeaders ? (
                <th key={c} scope="row" className={cellClass(c)}>
                  {cell}
                </th>
              ) : (
                <td key={c} className={cellClass(c)}>
                  {normalizeLineBreaks(cell)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 「印刷する」: opens the browser's print dialog (hidden on the printed page itself). */
export function PrintButton() {
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      印刷する
    </button>
  );
}
