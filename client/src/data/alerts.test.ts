import { describe, expect, it } from 'vitest';
import type { Alert } from '@mashboard/shared';
import { bannerAlert, mergeAlerts, unacknowledged } from './alerts.ts';

const ack = { by: { userId: 'l', name: 'Rhian Hughes', agency: 'childrens-social-care' as const, role: 'duty-lead' as const }, at: '2026-11-21T10:05:00Z' };

function alert(id: string, kind: Alert['kind'], raisedAt: string, acknowledged: Alert['acknowledged'] = null): Alert {
  return { id, kind, caseId: 'c1', caseReference: 'MASH-2026-00001', deadlineId: 'triage', title: id, dueAt: '2026-11-21T10:00:00Z', raisedAt, recipients: ['l'], acknowledged };
}

describe('mergeAlerts', () => {
  it('keeps one copy per id, newest raised first', () => {
    const list = mergeAlerts([alert('a', 'warning', '2026-11-21T09:00:00Z')], [alert('b', 'breach', '2026-11-21T10:00:00Z'), alert('a', 'warning', '2026-11-21T09:00:00Z')]);
    expect(list.map((a) => a.id)).toEqual(['b', 'a']);
  });
  it('never undoes an acknowledgement with an older copy (REST answer racing a push)', () => {
    const acked = mergeAlerts([], [alert('b', 'breach', '2026-11-21T10:00:00Z', ack)]);
    const merged = mergeAlerts(acked, [alert('b', 'breach', '2026-11-21T10:00:00Z')]);
    expect(merged[0]!.acknowledged).toEqual(ack);
    expect(mergeAlerts([alert('b', 'breach', '2026-11-21T10:00:00Z')], acked)[0]!.acknowledged).toEqual(ack);
  });
});

describe('bannerAlert', () => {
  it('shows the newest unacknowledged breach or escalation, never a warning', () => {
    const list = [
      alert('w', 'warning', '2026-11-21T11:00:00Z'),
      alert('b1', 'breach', '2026-11-21T10:00:00Z'),
      alert('e', 'escalation', '2026-11-21T10:30:00Z', ack),
      alert('b0', 'breach', '2026-11-21T09:00:00Z'),
    ];
    expect(bannerAlert(list)?.id).toBe('b1');
    expect(bannerAlert([alert('w', 'warning', '2026-11-21T11:00:00Z')])).toBeNull();
    expect(unacknowledged(list).map((a) => a.id)).toEqual(['w', 'b1', 'b0']);
  });
});
