import type { ReactNode } from 'react';

/** A group of filter checkboxes with its legend (the chronology's and the board's filters). */
export function FilterGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset chron-filter">
      <legend className="fieldset__legend fieldset__legend--s">{legend}</legend>
      <div className="checkboxes checkboxes--inline">{children}</div>
    </fieldset>
  );
}
