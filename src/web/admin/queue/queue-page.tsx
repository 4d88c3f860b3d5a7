import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import { useAction } from '../../app/actions';
import { tellSuccess } from '../../app/notice';
import { koreaDateTime, won } from '../../shared/korea-time';
import { useLoadError } from '../load-error';
import { PaymentButtons } from '../payment-buttons';

const QueueQuery = graphql(`
  query OfficerQueue {
    pendingPayments {
      id
      paymentRequestedAt
      member {
        id
        name
      }
      event {
        id
        title
        startsAt
        fee
      }
    }
    pendingAbsences {
      id
      member {
        id
        name
      }
      event {
        id
        title
        startsAt
      }
      absenceNotice {
        reason
        submittedAt
      }
    }
  }
`);

const ReviewAbsenceMutation = graphql(`
  mutation ReviewAbsence($eventId: ID!, $memberId: ID!, $approve: Boolean!, $note: String) {
    reviewAbsence(eventId: $eventId, memberId: $memberId, approve: $approve, note: $note) {
      id
      attendance
      absenceNotice {
        status
      }
    }
  }
`);

function AbsenceReview({ eventId, memberId, name, onDone }: { eventId: string; memberId: string; name: string; onDone(): void }) {
  const review = useAction(ReviewAbsenceMutation);
  const [note, setNote] = useState('');
  const decide = async (approve: boolean) => {
    if (await review.run({ eventId, memberId, approve, note: note.trim() || null })) {
      tellSuccess(approve ? `${name}님의 불참을 승인했습니다(공결).` : `${name}님의 불참 신고를 반려했습니다.`);
      onDone();
    }
  };
  return (
    <div>
      <label>
        검토 메모 <small>선택, 회원에게 보입니다</small>
        <input data-testid="review-note" value={note} maxLength={500} onInput={(input) => setNote(input.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="button" class="primary" data-testid="approve-absence" disabled={review.busy} onClick={() => decide(true)}>
          승인<span class="sr-only"> {name}</span>
        </button>
        <button type="button" class="danger" data-testid="decline-absence" disabled={review.busy} onClick={() => decide(false)}>
          반려<span class="sr-only"> {name}</span>
        </button>
      </div>
    </div>
  );
}

/** /admin/queue: every payment and absence notice waiting for an officer, oldest first. */
export function QueuePage() {
  const [result, refresh] = useQuery({ query: QueueQuery, requestPolicy: 'network-only' });
  useLoadError(result.error);
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const data = result.data;
  if (!data) return <p class="muted">{result.fetching ? '불러오는 중…' : '목록을 불러오지 못했습니다.'}</p>;

  const waiting = [
    ...data.pendingPayments.map((payment) => ({ kind: 'payment' as const, at: payment.paymentRequestedAt ?? payment.event.startsAt, payment })),
    ...data.pendingAbsences.map((absence) => ({ kind: 'absence' as const, at: absence.absenceNotice?.submittedAt ?? absence.event.startsAt, absence })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return (
    <section>
      <h1>확인 대기</h1>
      <p class="muted">
        회비 확인 {data.pendingPayments.length}건, 불참 신고 {data.pendingAbsences.length}건 · 오래된 순
      </p>
      {waiting.length === 0 ? (
        <p class="empty">기다리는 일이 없습니다.</p>
      ) : (
        <ul class="cards">
          {waiting.map((item) =>
            item.kind === 'payment' ? (
              <li key={`p-${item.payment.id}`} class="card" data-testid="pending-payment" data-event-id={item.payment.event.id} data-member-id={item.payment.member.id}>
                <h2>
                  회비 확인: {item.payment.member.name} · {won(item.payment.event.fee)}
                </h2>
                <p>
                  <a href={`/admin/matches/${item.payment.event.id}`}>{item.payment.event.title}</a> ({koreaDateTime(item.payment.event.startsAt)})
                </p>
                <p class="muted">요청 {koreaDateTime(item.at)}</p>
                <PaymentButtons eventId={item.payment.event.id} memberId={item.payment.member.id} name={item.payment.member.name} onDone={reload} />
              </li>
            ) : (
              <li key={`a-${item.absence.id}`} class="card" data-testid="pending-absence" data-event-id={item.absence.event.id} data-member-id={item.absence.member.id}>
                <h2>불참 신고: {item.absence.member.name}</h2>
                <p>
                  <a href={`/admin/matches/${item.absence.event.id}`}>{item.absence.event.title}</a> ({koreaDateTime(item.absence.event.startsAt)})
                </p>
                <p>사유: {item.absence.absenceNotice?.reason}</p>
                <p class="muted">신고 {koreaDateTime(item.at)}</p>
                <AbsenceReview eventId={item.absence.event.id} memberId={item.absence.member.id} name={item.absence.member.name} onDone={reload} />
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
