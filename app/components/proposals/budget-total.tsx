// The budget's running total under the table: the project's cost and the amount asked of the city, each
// year against the city's share and in all against the call's cap per proposal — the same figures and
// check (`budgetTotals`, `checkBudget`) the submission uses. Rendered from the saved draft on the server,
// then follows the table as it is typed.
import { useEffect, useState, type RefObject } from "react";
import { checkBudget, cityShareForYear, type BudgetRules } from "~/domain/calls/rules";
import { budgetTotals, type BudgetLine } from "~/domain/proposals/content";
import { formatYen } from "~/domain/number-format";

function linesOf(form: HTMLFormElement): BudgetLine[] {
  const lines = new Map<number, Record<string, string>>();
  for (const element of Array.from(form.elements)) {
    const name = element.getAttribute("name") ?? "";
    const match = /^budget\[(\d+)\]\.(\w+)$/.exec(name);
    if (!match) continue;
    const row = lines.get(Number(match[1])) ?? {};
    row[match[2]] = (element as HTMLInputElement).value;
    lines.set(Number(match[1]), row);
  }
  return [...lines.values()].flatMap((row) => {
    if (!row.item && !row.amount && !row.bearer) return [];
    const amount = Number(row.amount?.replace(/[,，\s]/g, ""));
    const year = Number(row.year);
    return [
      {
        item: row.item ?? "",
        amount: row.amount && Number.isFinite(amount) ? amount : undefined,
        year: row.year && Number.isInteger(year) && year >= 1 ? year : undefined,
        bearer: row.bearer || undefined,
      } as BudgetLine,
    ];
  });
}

export function BudgetTotal({
  formRef,
  rules,
  tick,
  initialLines,
}: {
  formRef: RefObject<HTMLFormElement>;
  rules: BudgetRules;
  /** Changes whenever a budget cell was typed into. */
  tick: number;
  initialLines: Record<string, string>[];
}) {
  const [lines, setLines] = useState<BudgetLine[]>(() =>
    initialLines.map((l) => ({ item: l.item ?? "", amount: l.amount ? Number(l.amount) : undefined, year: l.year ? Number(l.year) : undefined, bearer: l.bearer || undefined }) as BudgetLine),
  );
  useEffect(() => {
    if (formRef.current) setLines(linesOf(formRef.current));
  }, [formRef, tick]);
  const { yearlyTotals, requestedByYear, totalCost, requested } = budgetTotals(lines);
  const problems = lines.length ? checkBudget({ call: rules, yearlyTotals, requestedByYear }) : [];
  return (
    <section className="budget-total" aria-labelledby="budget-total-heading">
      <h3 id="budget-total-heading">予算の合計</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">年目</th>
            <th scope="col">事業費</th>
            <th scope="col">市への申請額</th>
            <th scope="col">市の負担割合の上限</th>
          </tr>
        </thead>
        <tbody>
          {yearlyTotals.map((total, i) => (
            <tr key={i}>
              <th scope="row">{i + 1}年目</th>
              <td>{formatYen(total)}</td>
              <td>{formatYen(requestedByYear[i] ?? 0)}</td>
              <td>
                {cityShareForYear(rules.city_share_by_year, i)}%（{formatYen(Math.floor((total * cityShareForYear(rules.city_share_by_year, i)) / 100))}）
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合計</th>
            <td>{formatYen(totalCost)}</td>
            <td>{formatYen(requested)}</td>
            <td>1提案あたりの上限 {formatYen(rules.budget_cap_per_proposal)}</td>
          </tr>
        </tfoot>
      </table>
      <div aria-live="polite">
        {problems.length ? (
          <ul className="budget-problems">
            {problems.map((p) => (
              <li key={p} className="error">
                {p}
              </li>
            ))}
          </ul>
        ) : lines.length ? (
          <p className="hint">申請額は上限と市の負担割合の範囲内です。</p>
        ) : null}
      </div>
    </section>
  );
}
