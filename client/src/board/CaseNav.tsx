/** Links between a case's pages: the board, its chronology and its sharing decisions. */
import { hrefFor } from '../router.ts';

export type CasePage = 'board' | 'chronology' | 'sharing';

export function CaseNav({ caseId, current }: { caseId: string; current: CasePage }) {
  const items: { page: CasePage; label: string; href: string }[] = [
    { page: 'board', label: 'Case board', href: hrefFor({ page: 'case', caseId }) },
    { page: 'chronology', label: 'Chronology', href: hrefFor({ page: 'case-chronology', caseId }) },
    { page: 'sharing', label: 'Sharing decisions', href: hrefFor({ page: 'case-sharing', caseId }) },
  ];
  return (
    <nav className="case-nav" aria-label="This case">
      <ul className="case-nav__list">
        {items.map((i) => (
          <li key={i.page}>
            <a className="case-nav__link" href={i.href} aria-current={i.page === current ? 'page' : undefined}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
