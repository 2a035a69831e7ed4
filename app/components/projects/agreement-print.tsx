// The agreement (協定書) as a printable A4 document: the overview table, then every section in the order
// agreement.ts decides (the PDF renders the same), drawn by the portal's printed-document component.
import { PrintedDocument } from "~/components/proposals/proposal-print";
import { agreementOverview, agreementSections, type AgreementDocument } from "~/domain/projects/agreement";

export function AgreementPrint({ doc }: { doc: AgreementDocument }) {
  return <PrintedDocument heading="協定書" header={agreementOverview(doc)} sections={agreementSections(doc)} />;
}
