// The sentence under a chooser's search (the call form's sheets, a measure's sheets to link): what the
// search found and how many, or that it found none. Read out when it changes (role="status").
import { formatCount } from "~/domain/number-format";

/**
 * 「「{q}」に一致する、{what}: N件」, with 「（新しい順にM件を表示しています…）」 when more were found than are
 * shown, or 「「{q}」に一致する、{what}はありません。」.
 */
export function SearchResult({ q, what, total, shownAtMost }: { q: string; what: string; total: number; shownAtMost: number }) {
  return (
    <p role="status">
      {total === 0
        ? `「${q}」に一致する、${what}はありません。`
        : `「${q}」に一致する、${what}: ${formatCount(total)}${total > shownAtMost ? `（新しい順に${shownAtMost}件を表示しています。言葉を足して絞り込んでください）` : ""}`}
    </p>
  );
}
