/**
 * #/cases/<id>/chronology: one line per entry or event, in the order things happened, the date
 * column first; badges in words with icons; filters; late-recorded and significant lines marked;
 * "Date not known" last. Printing gives the document the PDF exports are: A4, the marking at the
 * head of every page and the case reference and "page n of m" at its foot (CSS @page margin
 * boxes, Chromium 131+), the Noto fonts per script, the heading and a line saying what is printed,
 * column headings repeated on each page, every line in full, and no line split across pages.
 */
import { useEffect, useMemo, useState } from 'react';
import { agencyName, DOCUMENT_FONT_FAMILY, filterChronology, printedPageCss, type ChronologyKind, type ChronologyLine } from '@mashboard/shared';
import { ApiRequestError } from '../data/api.ts';
import { ALL_KINDS, filterSummary, groupLines, KIND_LABELS, lineWhen, NO_FILTER, toChronologyFilter, toggle, type ChronologyFilterState } from '../data/chronology.ts';
import { childFullName } from '../data/children.ts';
import { screensApi } from '../data/screensApi.ts';
import { formatCalendarDate, formatDateTime } from '../data/time.ts';
import { AgencyAndChildFilters, FilterGroup } from '../components/FilterGroup.tsx';
import { useLiveCase } from '../data/useCase.ts';
import { hrefFor } from '../router.ts';
import { Checkbox } from '../forms/fields.tsx';
import { Icons, KindBadge, PlainBadge } from '../components/Badges.tsx';
import { CaseNav } from '../board/CaseNav.tsx';

const VOICE_ICON = (
  <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M3 2 H13 Q14 2 14 3 V10 Q14 11 13 11 H8 L4.5 14 V11 H3 Q2 11 2 10 V3 Q2 2 3 2 Z" fill="currentColor" />
  </svg>
);

function KindOfLine({ kind }: { kind: ChronologyKind }) {
  if (kind === 'fact' || kind === 'opinion') return <KindBadge kind={kind} />;
  const icon = kind === 'voice' ? VOICE_ICON : kind === 'withheld' ? Icons.lock : Icons.clock;
  return (
    <span className={`badge badge--chron-${kind}`}>
      {icon}
      <span className="visually-hidden">Type: </span>
      {KIND_LABELS[kind]}
    </span>
  );
}

/**
 * The printed page's frame, as the PDF exports have it (shared/printed-page.ts): the marking at
 * the head of every page, "OFFICIAL-SENSITIVE · Case <reference> – chronology · page n of m" at
 * its foot; the documents' fonts. Put in the document while the page is open.
 */
export function printMarginsCss(reference: string): string {
  return `@media print { ${printedPageCss(`Case ${reference} – chronology`)} .chronology-page { font-family: ${DOCUMENT_FONT_FAMILY}; } }`;
}

function usePrintMargins(reference: string | undefined): void {
  useEffect(() => {
    if (!reference || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
    // A constructed stylesheet: the app's Content-Security-Policy (style-src 'self') refuses an
    // inline <style>, but not the CSS object model.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(printMarginsCss(reference));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [reference]);
}

/**
 * When it was recorded, keeping apart when the agency recorded it in its own records and when it
 * was shared with the MASH (a contribution's board time); events and the child's voice were
 * recorded here.
 */
function RecordedWhen({ line }: { line: ChronologyLine }) {
  if (line.kind !== 'fact' && line.kind !== 'opinion') return <>Recorded {formatDateTime(line.recordedAt)}</>;
  const own = line.agencyRecordedOn ? `Recorded by ${agencyName(line.agency)} on ${formatCalendarDate(line.agencyRecordedOn)}; shared` : 'Shared';
  return (
    <>
      {own} with the MASH {formatDateTime(line.recordedAt)}
    </>
  );
}

function Line({ line, childName }: { line: ChronologyLine; childName: (id: string) => string }) {
  const when = lineWhen(line);
  return (
    <tr className={`chron-line chron-line--${line.kind}${line.significant ? ' chron-line--significant' : ''}`}>
      <td className="chron-line__date">
        <span className="nowrap">{when.date}</span>
        {when.time ? <span className="chron-line__time">{when.time}</span> : null}
      </td>
      <td className="chron-line__badges">
        <KindOfLine kind={line.kind} />
        {line.timeframe === 'historic' ? (
          <PlainBadge icon={Icons.historic}>
            <span className="visually-hidden">Timeframe: </span>Historic
          </PlainBadge>
        ) : null}
        {line.significant ? (
          <PlainBadge tone="pending" icon={Icons.info}>
            Significant
          </PlainBadge>
        ) : null}
        {line.lateRecorded ? (
          <PlainBadge tone="warning" icon={Icons.warning}>
            Recorded late
          </PlainBadge>
        ) : null}
      </td>
      <td className="chron-line__who">
        <span className="chron-line__agency">{agencyName(line.agency)}</span>
        {line.authorName ? <span className="chron-line__author">{line.authorName}</span> : null}
      </td>
      <td className="chron-line__text">
        {line.withheld ? (
          <p>
            Restricted information from {agencyName(line.agency)}. Only the agencies it is shared with can read it: ask {agencyName(line.agency)} if you need it.
          </p>
        ) : (
          <p className="prewrap">{line.text}</p>
        )}
        {line.basis ? (
          <p className="chron-line__extra">
            <strong>Basis:</strong> {line.basis}
          </p>
        ) : null}
        {line.relevance ? (
          <p className="chron-line__extra">
            <strong>Why relevant now:</strong> {line.relevance}
          </p>
        ) : null}
        {line.childIds.length ? <p className="chron-line__extra muted-strong">About: {line.childIds.map(childName).join(', ')}</p> : null}
        <p className="chron-line__extra muted-strong small">
          <RecordedWhen line={line} />
          {line.lateRecorded ? ' (recorded more than 72 hours after it happened)' : ''}
        </p>
      </td>
    </tr>
  );
}

export function ChronologyPage({ caseId }: { caseId: string }) {
  const state = useLiveCase(caseId);
  const view = state?.view ?? null;
  const version = view?.summary.version;
  const [lines, setLines] = useState<ChronologyLine[] | null>(null);
  const [error, setError] = useState('');
  const [filter, setFilter] = useState<ChronologyFilterState>(NO_FILTER);
  const reference = view?.summary.reference;
  usePrintMargins(reference);

  useEffect(() => {
    document.title = reference ? `${reference} – chronology – Mashboard` : 'Chronology – Mashboard';
  }, [reference]);

  // Loaded once, then again whenever the case changes (live events bump its version).
  useEffect(() => {
    let active = true;
    screensApi.chronology(caseId).then(
      (l) => {
        if (active) {
          setLines(l);
          setError('');
        }
      },
      (e: unknown) => active && setError(e instanceof ApiRequestError ? e.error.message : 'The chronology could not be loaded.'),
    );
    return () => {
      active = false;
    };
  }, [caseId, version]);

  const children = view?.summary.children ?? [];
  const childName = (id: string) => {
    const c = children.find((k) => k.id === id);
    return c ? childFullName(c) : 'a child';
  };
  const agencies = useMemo(() => [...new Set((lines ?? []).map((l) => l.agency))], [lines]);
  const shown = useMemo(() => (lines ? filterChronology(lines, toChronologyFilter(filter)) : []), [lines, filter]);
  const { dated, unknown } = groupLines(shown);

  const back = (
    <p className="back-link-wrap">
      <a className="back-link" href={hrefFor({ page: 'case', caseId })}>
        <span aria-hidden="true">‹ </span>Back to the case board
      </a>
    </p>
  );

  if (!lines && !error) {
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-loading="">
          Chronology
        </h1>
        <p role="status">Loading the chronology…</p>
      </>
    );
  }
  if (!lines) {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>The chronology could not be loaded</h1>
        <p role="alert">{error}</p>
      </>
    );
  }

  const summaryText = filterSummary(filter, childName);
  return (
    <div className="chronology-page">
      {back}
      <h1 tabIndex={-1} className="screen-heading">
        <span className="caption">Case {reference ?? ''} </span>
        Chronology
      </h1>
      <CaseNav caseId={caseId} current="chronology" />
      <p className="print-only chron-print-intro">
        Case {reference} – chronology. {children.map((c) => childFullName(c)).join(', ')}. Printed {formatDateTime(new Date().toISOString())}. {summaryText}.
      </p>
      <section className="chron-filters no-print" aria-labelledby="chron-filters-title">
        <h2 id="chron-filters-title" className="heading-s">
          Filter the chronology
        </h2>
        <div className="chron-filters__grid">
          <AgencyAndChildFilters idPrefix="chron" agencies={agencies} children={children} filter={filter} onChange={setFilter} />
          <FilterGroup legend="Kind">
            {ALL_KINDS.map((k) => (
              <Checkbox
                key={k}
                id={`chron-kind-${k}`}
                label={KIND_LABELS[k]}
                checked={!filter.kinds || filter.kinds.includes(k)}
                onChange={(on) => setFilter((f) => ({ ...f, kinds: toggle(f.kinds, ALL_KINDS, k, on) }))}
              />
            ))}
          </FilterGroup>
          <FilterGroup legend="Significance">
            <Checkbox id="chron-significant" label="Significant lines only" checked={filter.significantOnly} onChange={(on) => setFilter((f) => ({ ...f, significantOnly: on }))} />
          </FilterGroup>
        </div>
        <div className="chron-filters__foot">
          <p role="status" className="filters__count">
            {summaryText}: showing {shown.length} of {lines.length} {lines.length === 1 ? 'line' : 'lines'}.
          </p>
          <div className="button-group button-group--tight">
            {summaryText !== 'All lines' ? (
              <button type="button" className="button button--secondary button--small" onClick={() => setFilter(NO_FILTER)}>
                Clear filters
              </button>
            ) : null}
            <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>
              Print or save as PDF
            </button>
          </div>
        </div>
      </section>
      {shown.length === 0 ? (
        <p className="empty-state">No lines match the filters.</p>
      ) : (
        <div className="table-wrap chron-table-wrap">
          <table className="table chron-table">
            <caption className="visually-hidden">
              Chronology of case {reference}, in the order things happened. {summaryText}.
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">What</th>
                <th scope="col">Agency</th>
                <th scope="col">Entry</th>
              </tr>
            </thead>
            <tbody>
              {dated.map((l) => (
                <Line key={l.id} line={l} childName={childName} />
              ))}
            </tbody>
            {unknown.length ? (
              <tbody className="chron-unknown">
                <tr className="chron-group">
                  <th scope="rowgroup" colSpan={4}>
                    Date not known ({unknown.length})
                  </th>
                </tr>
                {unknown.map((l) => (
                  <Line key={l.id} line={l} childName={childName} />
                ))}
              </tbody>
            ) : null}
          </table>
        </div>
      )}
    </div>
  );
}
