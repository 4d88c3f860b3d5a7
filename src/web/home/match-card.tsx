import { graphql, readFragment, type FragmentType } from '../gql';
import { ABSENCE_LABELS, ATTENDANCE_LABELS, PAYMENT_LABELS } from '../app/status-labels';
import { koreaTimeRange } from '../shared/korea-time';

export const MatchCardFragment = graphql(`
  fragment MatchCard on Event {
    id
    title
    startsAt
    endsAt
    address
    myParticipation {
      id
      attendance
      payment
      absenceNotice {
        status
      }
    }
  }
`);

export function MatchCard({ match }: { match: FragmentType<typeof MatchCardFragment> }) {
  const event = readFragment(MatchCardFragment, match);
  const mine = event.myParticipation;
  return (
    <li class="card match-card" data-testid="match-card" data-event-id={event.id}>
      <a href={`/matches/${event.id}`} class="card-link">
        <h2>{event.title}</h2>
        <p class="when">{koreaTimeRange(event.startsAt, event.endsAt)}</p>
        <p class="where">{event.address}</p>
        <p class="my-status">
          {mine ? (
            <>
              <span class={`badge attendance-${mine.attendance}`}>{ATTENDANCE_LABELS[mine.attendance]}</span>
              {mine.payment && mine.payment !== 'NOT_REQUIRED' && <span class={`badge payment-${mine.payment}`}>{PAYMENT_LABELS[mine.payment]}</span>}
              {mine.absenceNotice && <span class="badge">{ABSENCE_LABELS[mine.absenceNotice.status]}</span>}
            </>
          ) : (
            <span class="badge">참가 명단에 없음</span>
          )}
        </p>
      </a>
    </li>
  );
}
