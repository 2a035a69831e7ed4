// A wide table on a narrow screen (320 px, WCAG 1.4.10): the table scrolls sideways inside its own box
// and the page does not. The box is a named region the keyboard can focus, so it can be scrolled with the
// arrow keys and a screen reader says what it holds.
import type { ReactNode } from "react";

export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
