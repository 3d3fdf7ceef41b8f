/** Who took part in a meeting, by agency. */
import { absentAgencies, agencyName, type MeetingSummary } from '@mashboard/shared';
import { attendanceByAgency, attendanceText } from '../data/meetings.ts';

/** Attendance by agency, then the invited agencies with nothing recorded, listed as absent. */
export function AttendanceList({ meeting }: { meeting: MeetingSummary }) {
  const absent = absentAgencies(meeting);
  if (!meeting.attendance.length && !absent.length) return <p className="muted">No attendance recorded yet.</p>;
  return (
    <ul className="plain-list attendance-list" aria-label="Attendance by agency">
      {attendanceByAgency(meeting.attendance).map((g) => (
        <li key={g.agency}>
          <strong>{agencyName(g.agency)}:</strong> {g.records.map(attendanceText).join('; ')}
        </li>
      ))}
      {absent.map((agency) => (
        <li key={agency}>
          <strong>{agencyName(agency)}:</strong> Absent (invited, no attendance recorded)
        </li>
      ))}
    </ul>
  );
}
