/** Badges: always a word and an icon, never colour alone. */
import type { ReactNode } from 'react';
import { CASE_STATUS_LABELS, RATING_LABELS, type CaseStatus, type ContributionKind, type Rating, type Timeframe } from '@mashboard/shared';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const Icons = {
  historic: (
    <Svg>
      <path d="M2.6 8 A5.4 5.4 0 1 0 4.2 4.2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      <path d="M1.8 2.2 V5.2 H4.8" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M8 5 V8.3 L10.2 9.7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </Svg>
  ),
  warning: (
    <Svg>
      <path d="M8 1.5 L15 14 H1 Z" fill="currentColor" />
      <path d="M8 6 V9.5" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="11.7" r="1" fill="#fff" />
    </Svg>
  ),
  tick: (
    <Svg>
      <path d="M2.5 8.5 L6.3 12 L13.5 4" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  ),
  info: (
    <Svg>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 7 V11.5" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="4.6" r="1" fill="#fff" />
    </Svg>
  ),
  pencil: (
    <Svg>
      <path d="M2 14 L2.8 10.8 L10.8 2.8 L13.2 5.2 L5.2 13.2 Z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </Svg>
  ),
  bell: (
    <Svg>
      <path d="M8 1.5 C5.3 1.5 4 3.6 4 6 V9.2 L2.5 11.5 H13.5 L12 9.2 V6 C12 3.6 10.7 1.5 8 1.5 Z" fill="currentColor" />
      <path d="M6.3 12.8 A1.8 1.8 0 0 0 9.7 12.8 Z" fill="currentColor" />
    </Svg>
  ),
  lock: (
    <Svg>
      <rect x="2.5" y="7" width="11" height="7.5" rx="1" fill="currentColor" />
      <path d="M5 7 V5 A3 3 0 0 1 11 5 V7" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </Svg>
  ),
  clock: (
    <Svg>
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M8 4.5 V8.3 L10.5 9.8" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </Svg>
  ),
};

/*
 * The kind and timeframe badges draw their icon in CSS (styles.css, `.badge--fact::before` …):
 * a long case shows these two badges on each of its 1,000 cards, and SVG elements in every one were
 * a good part of drawing it.
 */
export function KindBadge({ kind }: { kind: ContributionKind }) {
  return (
    <span className={`badge badge--${kind}`}>
      <span className="visually-hidden">Type: </span>
      {kind === 'fact' ? 'Fact' : 'Opinion'}
    </span>
  );
}

export function TimeframeBadge({ timeframe }: { timeframe: Timeframe }) {
  return (
    <span className={`badge badge--${timeframe}`}>
      <span className="visually-hidden">Timeframe: </span>
      {timeframe === 'current' ? 'Current' : 'Historic'}
    </span>
  );
}

/** "Restricted to Police, Health": who may read an entry (a word list and a lock, never colour alone). */
export function RestrictedBadge({ text }: { text: string }) {
  return (
    <span className="badge badge--restricted">
      {Icons.lock}
      {text}
    </span>
  );
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge badge--status badge--status-${status}`}>{CASE_STATUS_LABELS[status]}</span>;
}

export function PlainBadge({ children, tone = 'grey', icon }: { children: ReactNode; tone?: 'grey' | 'warning' | 'pending' | 'ok'; icon?: ReactNode }) {
  return (
    <span className={`badge badge--${tone}`}>
      {icon}
      {children}
    </span>
  );
}

const RATING_ICONS: Record<Rating, ReactNode> = {
  red: (
    <Svg>
      <path d="M8 1.5 L15 14 H1 Z" fill="currentColor" />
    </Svg>
  ),
  amber: (
    <Svg>
      <path d="M8 1 L15 8 L8 15 L1 8 Z" fill="currentColor" />
    </Svg>
  ),
  green: (
    <Svg>
      <circle cx="8" cy="8" r="6.5" fill="currentColor" />
    </Svg>
  ),
  blue: (
    <Svg>
      <rect x="2" y="2" width="12" height="12" fill="currentColor" />
    </Svg>
  ),
};

/** The RAG rating: a word, a shape and a colour ("Not rated" when there is none). */
export function RatingBadge({ rating }: { rating: Rating | null | undefined }) {
  if (!rating) return <span className="badge badge--rating badge--rating-none">Not rated</span>;
  return (
    <span className={`badge badge--rating badge--rating-${rating}`}>
      {RATING_ICONS[rating]}
      <span className="visually-hidden">Rating: </span>
      {RATING_LABELS[rating]}
    </span>
  );
}
