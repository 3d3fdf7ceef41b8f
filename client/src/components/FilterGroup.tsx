import type { ReactNode } from 'react';
import { agencyName, type Child } from '@mashboard/shared';
import { childFullName } from '../data/children.ts';
import { toggle } from '../data/chronology.ts';
import { Checkbox } from '../forms/fields.tsx';

/** A group of filter checkboxes with its legend (the chronology's and the board's filters). */
export function FilterGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset chron-filter">
      <legend className="fieldset__legend fieldset__legend--s">{legend}</legend>
      <div className="checkboxes checkboxes--inline">{children}</div>
    </fieldset>
  );
}

/** The part of a filter both the board and the chronology have: which agencies, which children (null: all). */
export interface AgencyChildFilter {
  agencies: string[] | null;
  childIds: string[] | null;
}

/** Checkboxes by agency, and by child when there is more than one; `idPrefix` keeps their ids apart per page. */
export function AgencyAndChildFilters<F extends AgencyChildFilter>({
  idPrefix,
  agencies,
  children,
  filter,
  onChange,
}: {
  idPrefix: string;
  agencies: string[];
  children: readonly Child[];
  filter: F;
  onChange: (change: (f: F) => F) => void;
}) {
  return (
    <>
      <FilterGroup legend="Agency">
        {agencies.map((a) => (
          <Checkbox
            key={a}
            id={`${idPrefix}-agency-${a}`}
            label={agencyName(a)}
            checked={!filter.agencies || filter.agencies.includes(a)}
            onChange={(on) => onChange((f) => ({ ...f, agencies: toggle(f.agencies, agencies, a, on) }))}
          />
        ))}
      </FilterGroup>
      {children.length > 1 ? (
        <FilterGroup legend="Child">
          {children.map((c) => (
            <Checkbox
              key={c.id}
              id={`${idPrefix}-child-${c.id}`}
              label={childFullName(c)}
              checked={!filter.childIds || filter.childIds.includes(c.id)}
              onChange={(on) =>
                onChange((f) => ({
                  ...f,
                  childIds: toggle(
                    f.childIds,
                    children.map((k) => k.id),
                    c.id,
                    on,
                  ),
                }))
              }
            />
          ))}
        </FilterGroup>
      ) : null}
    </>
  );
}
