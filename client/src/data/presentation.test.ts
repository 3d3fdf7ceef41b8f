import { describe, expect, it } from 'vitest';
import { applyToSummary, applyToView, type Actor, type CaseEvent, type CaseEventBody, type CaseView, type ContributionContent } from '@mashboard/shared';
import { agendaItemCard, childInitials, notForSharedScreen, presentedItem, restrictedText } from './presentation.ts';

const police: Actor = { userId: 'u-police', name: 'DC Sam Evans', agency: 'police', role: 'practitioner' };
const TODAY = '2026-11-29';

function caseWith(bodies: CaseEventBody[], restrictedTo: string[] = []): CaseView {
  let seq = 0;
  const next = (body: CaseEventBody): CaseEvent => {
    seq += 1;
    return { ...body, id: `1-${seq}`, seq, caseId: 'c1', at: '2026-11-29T09:00:00Z', actor: police, commandId: `cmd-${seq}` };
  };
  const opened: CaseEventBody = {
    type: 'case.opened',
    data: {
      reference: 'MASH-2026-00001',
      children: [
        { id: 'k', firstName: 'Kai', lastName: 'Whitmore', dateOfBirth: '2019-04-11' },
        { id: 'e', firstName: 'Ellie', lastName: 'Whitmore', dateOfBirth: '2026-06-01' },
      ],
      referral: { source: 'education', identityProtected: false },
      reasonForConcern: 'Shouting at night',
      receivedAt: '2026-11-29T08:00:00Z',
      ...(restrictedTo.length ? { restrictedTo } : {}),
    },
  };
  let view: CaseView = { summary: applyToSummary(null, next(opened)), entries: [] };
  for (const body of bodies) view = applyToView(view, next(body));
  return view;
}

const content = (kind: 'fact' | 'opinion', text: string): ContributionContent => ({
  text,
  kind,
  ...(kind === 'opinion' ? { basis: 'Clinic visits' } : {}),
  timeframe: 'current',
  happened: { precision: 'exact', date: '2026-11-12' },
  source: 'agency-records',
  childIds: [],
});

describe('the agenda item', () => {
  it("shows the children's initials and ages and the rating; a withheld item stays the placeholder", () => {
    const view = caseWith([{ type: 'rating.set', data: { from: null, to: 'amber', reason: 'Repeat call-outs', triage: null } }]);
    expect(childInitials({ firstName: 'Kai', lastName: 'Whitmore' })).toBe('K.W.');
    expect(agendaItemCard({ caseId: 'c1', reference: 'MASH-2026-00001' }, view.summary, TODAY)).toEqual({ children: 'K.W., 7; E.W., 5 months', rating: 'amber', reference: 'MASH-2026-00001', known: true });
    expect(agendaItemCard({ caseId: '', reference: '', withheld: true }, view.summary, TODAY)).toEqual({ children: 'A case restricted to other agencies', reference: '', known: false });
  });
});

describe('the shared screen', () => {
  it('keeps facts and opinions apart and leaves off entries restricted to named agencies, saying from whom', () => {
    const view = caseWith([
      { type: 'contribution.added', data: { entryId: 'f1', content: content('fact', 'Police attended'), restrictedTo: [] } },
      { type: 'contribution.added', data: { entryId: 'o1', content: content('opinion', 'Kai seems withdrawn'), restrictedTo: [] } },
      { type: 'contribution.added', data: { entryId: 'r1', content: content('fact', 'Police intelligence'), restrictedTo: ['childrens-social-care'] } },
    ]);
    const item = presentedItem(view, 'm1', TODAY);
    expect(item.facts.map((f) => f.content?.text)).toEqual(['Police attended']);
    expect(item.opinions.map((f) => f.content?.text)).toEqual(['Kai seems withdrawn']);
    expect(JSON.stringify(item)).not.toContain('Police intelligence');
    expect(restrictedText(item.restricted)).toBe('1 restricted entry from Police');
    expect(item.voiceMissing).toEqual(['Kai Whitmore', 'Ellie Whitmore']);
    expect(notForSharedScreen(view)).toBeNull();
  });

  it('does not show a case restricted to named agencies at all', () => {
    expect(notForSharedScreen(caseWith([], ['childrens-social-care']))).toMatch(/^This case is restricted to Police, Children's social care/);
  });
});
