// 「提案書」: the proposal's text section by section (the title is the page's heading, so it is left out).
import { TEXT_SECTIONS } from "~/domain/proposals/content";

const sectionLabel = new Map<string, string>(TEXT_SECTIONS.map((s) => [s.key, s.label]));

export function ProposalContentPanel({ sections }: { sections: { key: string; label: string; text: string }[] }) {
  return (
    <section aria-labelledby="proposal-content">
      <h2 id="proposal-content">提案書</h2>
      <dl className="proposal-sections">
        {sections.slice(1).map((s) => (
          <div key={s.key}>
            <dt>{sectionLabel.get(s.key) ?? s.label}</dt>
            <dd className="profile-text">{s.text || "（記入なし）"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
