// The agreement (協定書) as a printable A4 document: the overview table, then every section in the order
// agreement.ts decides (the PDF renders the same). Uses the proposal's printed-table component and CSS.
import { PrintedTable } from "~/components/proposals/proposal-print";
import { agreementOverview, agreementSections, type AgreementDocument } from "~/domain/projects/agreement";
import { EMPTY_MARK, normalizeLineBreaks } from "~/domain/proposals/document";

export function AgreementPrint({ doc }: { doc: AgreementDocument }) {
  return (
    <article className="proposal-print" aria-labelledby="agreement-print-heading">
      <h1 id="agreement-print-heading">協定書</h1>
      <table className="proposal-header">
        <tbody>
          {agreementOverview(doc).map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {agreementSections(doc).map((section, i) => {
        const headingId = `agreement-section-${section.key}`;
        return (
          <section key={section.key} className="proposal-section" aria-labelledby={headingId} data-section={section.key}>
            <h2 id={headingId}>
              {i + 1}. {section.label}
            </h2>
            {section.kind === "text" ? (
              section.text ? <p className="multiline">{normalizeLineBreaks(section.text)}</p> : <p className="proposal-empty">{EMPTY_MARK}</p>
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
