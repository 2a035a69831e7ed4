// 「この課題に合いそうな団体」: the matching engine's suggestions for the department and the coordinator.
import { SuggestionList } from "~/components/matching/suggestions";

export function SheetSuggestionsPanel({ suggestions }: { suggestions: Parameters<typeof SuggestionList>[0]["suggestions"] }) {
  return (
    <section className="panel" aria-labelledby="sheet-suggestions">
      <h2 id="sheet-suggestions">この課題に合いそうな団体（担当課と協働推進課のみに表示）</h2>
      <p className="hint">承認済みの団体の活動分野・活動地域・活動実績・団体の文章から、共通点の多い順に並べています。声をかけるきっかけにしてください。</p>
      {suggestions.length === 0 ? (
        <p className="empty">共通点のある団体は見つかりませんでした。活動分野や対象地域、課題の説明を見直すと見つかることがあります。</p>
      ) : (
        <SuggestionList suggestions={suggestions} linkTo={(id) => `/groups/${id}`} />
      )}
    </section>
  );
}
