import { describe, expect, it } from 'vitest';
import { agendaAccess, agendaItemLabel, agendaReaders, presentAgenda, presentMinutes, WITHHELD_AGENDA_ITEM_TEXT, type AgendaItem, type Minutes, type MinutesItem } from './meetings.ts';

const opener = (agency: string) => ({ agency });
const cases = [
  { id: 'open', restrictedTo: [], openedBy: opener('childrens-social-care') },
  // Opened by police, restricted to police and children's social care.
  { id: 'secret', restrictedTo: ['childrens-social-care'], openedBy: opener('police') },
  { id: 'health-only', restrictedTo: ['health'], openedBy: opener('health') },
];
const agenda: AgendaItem[] = [
  { caseId: 'secret', reference: 'MASH-2026-00001' },
  { caseId: 'open', reference: 'MASH-2026-00002' },
  { caseId: 'health-only', reference: 'MASH-2026-00003' },
  { caseId: 'gone', reference: 'MASH-2026-00004' },
];
const WITHHELD: AgendaItem = { caseId: '', reference: '', withheld: true };

describe('an agenda as each reader may see it', () => {
  const access = agendaAccess(cases);

  it('withholds a case not shared with the reader, keeping its place, with neither its id nor its reference', () => {
    const forEducation = presentAgenda(agenda, access, { agency: 'education' });
    expect(forEducation).toEqual([WITHHELD, agenda[1], WITHHELD, WITHHELD]);
    expect(JSON.stringify(forEducation)).not.toMatch(/secret|health-only|gone|00001|00003|00004/);
    expect(forEducation.map(agendaItemLabel)).toEqual([WITHHELD_AGENDA_ITEM_TEXT, 'MASH-2026-00002', WITHHELD_AGENDA_ITEM_TEXT, WITHHELD_AGENDA_ITEM_TEXT]);
  });

  it('shows a restricted case whole to its opener and the agencies it is restricted to', () => {
    expect(presentAgenda(agenda, access, { agency: 'police' })).toEqual([agenda[0], agenda[1], WITHHELD, WITHHELD]);
    expect(presentAgenda(agenda, access, { agency: 'childrens-social-care' })).toEqual([agenda[0], agenda[1], WITHHELD, WITHHELD]);
    expect(presentAgenda(agenda, access, { agency: 'health' })).toEqual([WITHHELD, agenda[1], agenda[2], WITHHELD]);
  });

  it("decides from the case's restriction now, not when the meeting was scheduled", () => {
    const later = agendaAccess([
      { ...cases[0]!, restrictedTo: ['police'] },
      { ...cases[1]!, restrictedTo: [] },
    ]);
    expect(presentAgenda(agenda.slice(0, 2), later, { agency: 'health' })).toEqual([agenda[0], WITHHELD]);
  });

  it('names the agencies that read it differently from an outsider, or none when all read it alike', () => {
    expect(agendaReaders(agenda, access)?.sort()).toEqual(['childrens-social-care', 'health', 'police']);
    expect(agendaReaders([agenda[1]!], access)).toBeNull();
    expect(agendaReaders([agenda[3]!], access)).toBeNull();
  });
});

describe('minutes as each reader may see them', () => {
  const item = (over: Partial<MinutesItem>): MinutesItem => ({
    caseId: 'open',
    reference: 'MASH-2026-00002',
    restrictedTo: [],
    children: ['Amelia Test'],
    facts: [],
    opinions: [],
    childVoice: [],
    voiceAbsent: [],
    decisions: [],
    actions: [],
    ...over,
  });
  const minutes: Minutes = {
    meetingId: 'm1',
    kind: 'triage',
    title: 'Morning triage',
    chair: 'Rhian Hughes',
    heldAt: '2026-11-21T09:00:00Z',
    attendance: [],
    items: [item({ caseId: 'secret', reference: 'MASH-2026-00001', restrictedTo: ['police', 'childrens-social-care'], children: ['Noah Test'] }), item({})],
  };

  it("keeps a restricted case's place but not its id, reference or content for another agency", () => {
    const access = agendaAccess(cases);
    const forHealth = presentMinutes(minutes, access, { agency: 'health' });
    expect(forHealth.items[0]).toMatchObject({ caseId: '', reference: '', withheld: true, children: [] });
    expect(forHealth.items[1]).toEqual(minutes.items[1]);
    expect(JSON.stringify(forHealth)).not.toMatch(/secret|00001|Noah/);
    expect(presentMinutes(minutes, access, { agency: 'police' }).items[0]).toEqual(minutes.items[0]);
  });

  it("decides from the case's restriction now, as the agenda does, not the one copied when the minutes were signed", () => {
    // Since signing, the secret case was opened up to every agency and the open one restricted to police.
    const later = agendaAccess([
      { ...cases[1]!, restrictedTo: [] },
      { ...cases[0]!, restrictedTo: ['police'] },
    ]);
    const forHealth = presentMinutes(minutes, later, { agency: 'health' });
    expect(forHealth.items[0]).toEqual(minutes.items[0]);
    expect(forHealth.items[1]).toMatchObject({ caseId: '', reference: '', withheld: true, restrictedTo: ['childrens-social-care', 'police'], children: [] });
    expect(presentMinutes(minutes, later, { agency: 'police' }).items[1]).toEqual(minutes.items[1]);
  });

  it('withholds a restricted entry in a case the reader may see, from the restriction it was recorded under', () => {
    const line = { entryId: 'e1', agency: 'police', restrictedTo: ['health'], text: 'Known to police', timeframe: 'current' as const };
    const withLine: Minutes = { ...minutes, items: [item({ facts: [line] })] };
    expect(presentMinutes(withLine, agendaAccess(cases), { agency: 'health' }).items[0]!.facts).toEqual([line]);
    expect(presentMinutes(withLine, agendaAccess(cases), { agency: 'education' }).items[0]!.facts).toEqual([
      { entryId: 'e1', agency: 'police', restrictedTo: ['health'], text: '', timeframe: 'current', withheld: true },
    ]);
  });
});
