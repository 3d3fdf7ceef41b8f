/**
 * The board's filters, like the chronology's: agency, child, fact or opinion, current or historic,
 * and a person around the children. Folded away until wanted; says how many it shows.
 */
import { CONTRIBUTION_KINDS, personName, TIMEFRAMES, type BoardFilter, type Child, type ContributionEntry, type ContributionKind, type Person, type Timeframe } from '@mashboard/shared';
import { toggle } from '../data/chronology.ts';
import { AgencyAndChildFilters, FilterGroup } from '../components/FilterGroup.tsx';
import { Checkbox, SelectField } from '../forms/fields.tsx';

/** What the person ticked; null means "no filter on this". */
export interface BoardFilterState {
  agencies: string[] | null;
  childIds: string[] | null;
  kinds: ContributionKind[] | null;
  timeframes: Timeframe[] | null;
  /** One person around the children, or '' for anyone. */
  personId: string;
}

export const NO_BOARD_FILTER: BoardFilterState = { agencies: null, childIds: null, kinds: null, timeframes: null, personId: '' };

export function toBoardFilter(s: BoardFilterState): BoardFilter {
  return {
    ...(s.agencies ? { agencies: s.agencies } : {}),
    ...(s.childIds ? { childIds: s.childIds } : {}),
    ...(s.kinds ? { kinds: s.kinds } : {}),
    ...(s.timeframes ? { timeframes: s.timeframes } : {}),
    ...(s.personId ? { personIds: [s.personId] } : {}),
  };
}

const KIND_WORDS: Record<ContributionKind, string> = { fact: 'Facts', opinion: 'Opinions' };
const TIMEFRAME_WORDS: Record<Timeframe, string> = { current: 'Current', historic: 'Historic' };

export function BoardFilters({
  entries,
  shown,
  children,
  people,
  filter,
  onChange,
}: {
  entries: readonly ContributionEntry[];
  shown: number;
  children: readonly Child[];
  people: readonly Person[];
  filter: BoardFilterState;
  onChange: (change: (f: BoardFilterState) => BoardFilterState) => void;
}) {
  const agencies = [...new Set(entries.map((e) => e.agency))];
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_BOARD_FILTER);
  const named = people.filter((p) => p.firstName || p.lastName);
  return (
    <details className="board-filters">
      <summary>
        Filter the board
        {filtered ? <span className="board-filters__state"> (filtered)</span> : null}
      </summary>
      <div className="chron-filters__grid">
        <AgencyAndChildFilters idPrefix="board" agencies={agencies} children={children} filter={filter} onChange={onChange} />
        <FilterGroup legend="Fact or opinion">
          {CONTRIBUTION_KINDS.map((k) => (
            <Checkbox
              key={k}
              id={`board-kind-${k}`}
              label={KIND_WORDS[k]}
              checked={!filter.kinds || filter.kinds.includes(k)}
              onChange={(on) => onChange((f) => ({ ...f, kinds: toggle(f.kinds, CONTRIBUTION_KINDS, k, on) }))}
            />
          ))}
        </FilterGroup>
        <FilterGroup legend="Current or historic">
          {TIMEFRAMES.map((t) => (
            <Checkbox
              key={t}
              id={`board-timeframe-${t}`}
              label={TIMEFRAME_WORDS[t]}
              checked={!filter.timeframes || filter.timeframes.includes(t)}
              onChange={(on) => onChange((f) => ({ ...f, timeframes: toggle(f.timeframes, TIMEFRAMES, t, on) }))}
            />
          ))}
        </FilterGroup>
        {named.length ? (
          <SelectField
            id="board-person"
            label="About a person"
            hint="Contributions that name them"
            placeholder="Anyone"
            value={filter.personId}
            onChange={(personId) => onChange((f) => ({ ...f, personId }))}
            options={named.map((p) => ({ value: p.id, label: personName(p) }))}
          />
        ) : null}
      </div>
      <div className="chron-filters__foot">
        <p role="status" className="filters__count">
          Showing {shown} of {entries.length} {entries.length === 1 ? 'contribution' : 'contributions'}.
        </p>
        {filtered ? (
          <button type="button" className="button button--secondary button--small" onClick={() => onChange(() => NO_BOARD_FILTER)}>
            Clear filters
          </button>
        ) : null}
      </div>
    </details>
  );
}
