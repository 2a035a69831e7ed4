// Matching suggestions as a ranked list, each with the reasons the engine gave.
import { Link } from "@remix-run/react";

export function SuggestionList({
  suggestions,
  linkTo,
}: {
  suggestions: { id: string; name: string; score: number; reasons: { kind: string; text: string }[] }[];
  linkTo: (id: string) => string;
}) {
  return (
    <ol>
      {suggestions.map((s) => (
        <li key={s.id}>
          <Link to={linkTo(s.id)}>{s.name}</Link>（適合度 {s.score}）
          <ul className="reasons" aria-label={`${s.name}を挙げた理由`}>
            {s.reasons.map((r) => (
              <li key={r.kind + r.text}>{r.text}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
