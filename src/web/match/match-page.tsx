import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../gql';
import { formValues, useAction } from '../app/actions';
import { tellError, tellSuccess } from '../app/notice';
import { ABSENCE_LABELS, ATTENDANCE_LABELS, PAYMENT_LABELS } from '../app/status-labels';
import { apiErrorOf } from '../shared/graphql-client';
import { koreaDateTime, koreaTimeRange, won } from '../shared/korea-time';
import { NotFoundPage } from '../not-found/not-found-page';
import { LiveStatus, useLiveMatch } from '../shared/live';
import { CheckInButton } from './check-in-button';

const MatchDetailQuery = graphql(`
  query MatchDetail($id: ID!) {
    event(id: $id) {
      id
      title
      description
      address
      latitude
      longitude
      fee
      startsAt
      endsAt
      settledAt
      checkInOpensAt
      absenceDeadline
      participantCount
      participants {
        id
        attendance
        member {
          id
          name
        }
      }
      myParticipation {
        id
        attendance
        payment
        checkedInAt
        checkInDistanceMeters
        absenceNotice {
          status
          reason
          reviewNote
        }
      }
    }
  }
`);

const RequestPaymentMutation = graphql(`
  mutation RequestPayment($eventId: ID!) {
    requestPaymentConfirmation(eventId: $eventId) {
      id
      payment
    }
  }
`);

const SubmitAbsenceMutation = graphql(`
  mutation SubmitAbsence($eventId: ID!, $reason: String!) {
    submitAbsence(eventId: $eventId, reason: $reason) {
      id
      absenceNotice {
        status
      }
    }
  }
`);

const WithdrawAbsenceMutation = graphql(`
  mutation WithdrawAbsence($eventId: ID!) {
    withdrawAbsence(eventId: $eventId) {
      id
      absenceNotice {
        status
      }
    }
  }
`);

/** Re-renders each half minute, so that buttons appear and go as windows open and close. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

const mapUrl = (title: string, latitude: number, longitude: number) =>
  `https://map.kakao.com/link/map/${encodeURIComponent(title)},${latitude},${longitude}`;

export function MatchPage({ id }: { id: string }) {
  const [result, refresh] = useQuery({ query: MatchDetailQuery, variables: { id } });
  const now = useNow();
  // Participants follow their match live (others may not: they read it when they open it).
  const live = useLiveMatch(id, Boolean(result.data?.event?.myParticipation), () => refresh({ requestPolicy: 'network-only' }));
  const [absenceFormOpen, setAbsenceFormOpen] = useState(false);
  const requestPayment = useAction(RequestPaymentMutation);
  const submitAbsence = useAction(SubmitAbsenceMutation);
  const withdrawAbsence = useAction(WithdrawAbsenceMutation);
  const failed = result.error ? apiErrorOf(result.error) : null;

  useEffect(() => {
    if (failed && failed.code !== 'UNAUTHENTICATED' && failed.code !== 'NOT_FOUND') tellError(failed);
  }, [failed?.code]);

  if (failed?.code === 'NOT_FOUND' || (result.data && !result.data.event)) return <NotFoundPage what="경기" />;
  const event = result.data?.event;
  if (!event) return <p class="muted">{result.fetching ? '불러오는 중…' : '경기를 불러오지 못했습니다.'}</p>;

  const mine = event.myParticipation;
  const open = !event.settledAt && now < Date.parse(event.endsAt);
  const canCheckIn = mine?.attendance === 'PENDING' && open && now >= Date.parse(event.checkInOpensAt);
  const canRequestPayment = mine?.payment === 'UNPAID' && event.fee > 0;
  const absence = mine?.absenceNotice ?? null;
  const canGiveNotice = mine?.attendance === 'PENDING' && !absence && open && now < Date.parse(event.absenceDeadline);

  const paid = async () => {
    if (await requestPayment.run({ eventId: event.id })) tellSuccess('납부 확인을 요청했습니다. 운영진이 확인하면 "납부 완료"로 바뀝니다.');
  };
  const sendNotice = async (submitted: Event) => {
    const { reason } = formValues(submitted);
    if (await submitAbsence.run({ eventId: event.id, reason: reason.trim() })) {
      setAbsenceFormOpen(false);
      tellSuccess('불참 신고를 보냈습니다. 운영진이 검토합니다.');
    }
  };
  const withdraw = async () => {
    if (await withdrawAbsence.run({ eventId: event.id })) tellSuccess('불참 신고를 철회했습니다.');
  };

  return (
    <article class="match" data-testid="match-detail" data-event-id={event.id}>
      <h1>{event.title}</h1>
      <dl class="facts">
        <dt>일시</dt>
        <dd>{koreaTimeRange(event.startsAt, event.endsAt)}</dd>
        <dt>장소</dt>
        <dd>
          {event.address}{' '}
          <a data-testid="map-link" href={mapUrl(event.title, event.latitude, event.longitude)} target="_blank" rel="noopener noreferrer">
            지도에서 보기
          </a>
        </dd>
        <dt>회비</dt>
        <dd>{event.fee > 0 ? won(event.fee) : '없음'}</dd>
      </dl>
      {event.description && <p class="description">{event.description}</p>}

      {mine ? (
        <section class="card mine" aria-labelledby="mine-heading">
          <h2 id="mine-heading">나의 상태</h2>
          <p>
            출석:{' '}
            <strong data-testid="my-attendance" data-status={mine.attendance}>
              {ATTENDANCE_LABELS[mine.attendance]}
            </strong>
            {mine.checkedInAt && <span class="muted"> ({koreaDateTime(mine.checkedInAt)})</span>}
          </p>
          {mine.payment && (
            <p>
              회비:{' '}
              <strong data-testid="my-payment" data-status={mine.payment}>
                {PAYMENT_LABELS[mine.payment]}
              </strong>
            </p>
          )}
          {absence && (
            <p>
              불참 신고:{' '}
              <strong data-testid="absence-status" data-status={absence.status}>
                {ABSENCE_LABELS[absence.status]}
              </strong>
              {absence.reviewNote && <span class="muted"> — {absence.reviewNote}</span>}
            </p>
          )}
          <div class="actions">
            {canCheckIn && <CheckInButton eventId={event.id} />}
            {canRequestPayment && (
              <button type="button" data-testid="request-payment" onClick={paid} disabled={requestPayment.busy}>
                {won(event.fee)} 냈어요
              </button>
            )}
            {canGiveNotice && !absenceFormOpen && (
              <button type="button" data-testid="absence-open" onClick={() => setAbsenceFormOpen(true)}>
                불참 신고
              </button>
            )}
            {absence?.status === 'PENDING' && open && (
              <button type="button" data-testid="absence-withdraw" onClick={withdraw} disabled={withdrawAbsence.busy}>
                불참 신고 철회
              </button>
            )}
          </div>
          {canGiveNotice && absenceFormOpen && (
            <form class="form" onSubmit={sendNotice} noValidate>
              <label>
                불참 사유 <small>운영진만 봅니다. {koreaDateTime(event.absenceDeadline)}까지 낼 수 있습니다.</small>
                <textarea name="reason" data-testid="absence-reason" rows={3} maxLength={500} required />
              </label>
              <div class="actions">
                <button type="submit" class="primary" data-testid="absence-submit" disabled={submitAbsence.busy}>
                  신고 보내기
                </button>
                <button type="button" onClick={() => setAbsenceFormOpen(false)}>
                  취소
                </button>
              </div>
            </form>
          )}
          {mine.attendance === 'PENDING' && open && !canCheckIn && (
            <p class="muted">출석 체크는 {koreaDateTime(event.checkInOpensAt)}부터 경기장에서 할 수 있습니다.</p>
          )}
        </section>
      ) : (
        <p class="card muted">이 경기의 참가 명단에 없습니다. 참가하려면 운영진에게 문의하세요.</p>
      )}

      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">참가자 {event.participantCount}명</h2>
        {mine && <LiveStatus live={live} />}
        <ul class="participants">
          {event.participants.map((participant) => (
            <li key={participant.id} data-testid="participant">
              <span>{participant.member.name}</span>
              <span class={`badge attendance-${participant.attendance}`}>{ATTENDANCE_LABELS[participant.attendance]}</span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
