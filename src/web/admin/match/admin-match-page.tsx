import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import type { AttendanceStatus } from '../../gql/graphql';
import { useAction } from '../../app/actions';
import { tellSuccess } from '../../app/notice';
import { navigate } from '../../app/router';
import { ABSENCE_LABELS, ATTENDANCE_LABELS, PAYMENT_LABELS } from '../../app/status-labels';
import { koreaDateTime, koreaTimeRange, won } from '../../shared/korea-time';
import { LiveStatus, useLiveMatch } from '../../shared/live';
import { NotFoundPage } from '../../not-found/not-found-page';
import { useConfirm } from '../confirm-dialog';
import { useLoadError } from '../load-error';
import { PaymentButtons } from '../payment-buttons';
import { EligiblePicker } from './eligible-picker';

const AdminMatchQuery = graphql(`
  query AdminMatch($id: ID!) {
    event(id: $id) {
      id
      title
      description
      address
      fee
      audience
      startsAt
      endsAt
      settledAt
      participantCount
      participants {
        id
        attendance
        payment
        checkedInAt
        checkInDistanceMeters
        member {
          id
          name
          loginId
        }
        absenceNotice {
          status
          reason
        }
      }
    }
  }
`);

const SetAttendanceMutation = graphql(`
  mutation SetAttendance($eventId: ID!, $memberId: ID!, $status: AttendanceStatus!, $note: String) {
    setAttendance(eventId: $eventId, memberId: $memberId, status: $status, note: $note) {
      id
      attendance
    }
  }
`);

const RemoveParticipantMutation = graphql(`
  mutation RemoveParticipant($eventId: ID!, $memberId: ID!) {
    removeParticipant(eventId: $eventId, memberId: $memberId)
  }
`);

const SettleNowMutation = graphql(`
  mutation SettleNow($id: ID!) {
    settleEvent(id: $id) {
      id
      settledAt
    }
  }
`);

const DeleteMatchMutation = graphql(`
  mutation DeleteMatch($id: ID!) {
    deleteEvent(id: $id)
  }
`);

const STATUSES: AttendanceStatus[] = ['PENDING', 'ATTENDED', 'LATE', 'ABSENT', 'EXCUSED'];
/** /admin/matches/<id>: the match-day view, each participant's attendance and payment. */
export function AdminMatchPage({ id }: { id: string }) {
  const [result, refresh] = useQuery({ query: AdminMatchQuery, variables: { id } });
  const setAttendance = useAction(SetAttendanceMutation);
  const removeParticipant = useAction(RemoveParticipantMutation);
  const settle = useAction(SettleNowMutation);
  const deleteMatch = useAction(DeleteMatchMutation);
  const { confirm, dialog } = useConfirm();
  const [picking, setPicking] = useState(false);
  const [notes, setNotes] = useState<Record<string, string>>({});
  useLoadError(result.error);
  // The match-day view keeps itself current while it is open: live, or polling while it cannot be.
  const live = useLiveMatch(id, true, () => refresh({ requestPolicy: 'network-only' }));

  if (result.data && !result.data.event) return <NotFoundPage what="경기" />;
  const event = result.data?.event;
  if (!event) return <p class="muted">{result.fetching ? '불러오는 중…' : '경기를 불러오지 못했습니다.'}</p>;

  const reload = () => refresh({ requestPolicy: 'network-only' });
  const changeAttendance = async (memberId: string, name: string, status: AttendanceStatus) => {
    const note = notes[memberId]?.trim() || null;
    if (await setAttendance.run({ eventId: id, memberId, status, note })) tellSuccess(`${name}님을 "${ATTENDANCE_LABELS[status]}"(으)로 바꿨습니다.`);
    else reload();
  };
  const remove = async (memberId: string, name: string) => {
    if (await removeParticipant.run({ eventId: id, memberId })) {
      tellSuccess(`${name}님을 참가자에서 뺐습니다.`);
      reload();
    }
  };
  const settleNow = async () => {
    const yes = await confirm({
      title: '지금 정산할까요?',
      body: <p>출석하지 않은 참가자는 결석, 늦은 참가자는 지각, 미납자는 미납 벌점을 받습니다. 정산 뒤에도 출석을 고치면 벌점이 다시 계산됩니다.</p>,
      confirmLabel: '정산',
    });
    if (yes && (await settle.run({ id }))) tellSuccess('정산했습니다. 벌점은 회원 페이지에서 볼 수 있습니다.');
  };
  const deleteThisMatch = async () => {
    const yes = await confirm({ title: '이 경기를 지울까요?', body: <p>{event.title}: 참가자, 출석과 회비 기록이 함께 지워집니다. 되돌릴 수 없습니다.</p>, confirmLabel: '지우기' });
    if (yes && (await deleteMatch.run({ id }))) {
      navigate('/admin/matches');
      tellSuccess('경기를 지웠습니다.');
    }
  };

  return (
    <article>
      <div class="section-head">
        <h1>{event.title}</h1>
        <a class="button" href={`/admin/matches/${id}/edit`} data-testid="edit-match">
          고치기
        </a>
      </div>
      <dl class="facts">
        <dt>일시</dt>
        <dd>{koreaTimeRange(event.startsAt, event.endsAt)}</dd>
        <dt>장소</dt>
        <dd>{event.address}</dd>
        <dt>회비</dt>
        <dd>{event.fee > 0 ? won(event.fee) : '없음'}</dd>
        <dt>정산</dt>
        <dd data-testid="settled-state" data-settled={event.settledAt ? 'true' : 'false'}>
          {event.settledAt ? `${koreaDateTime(event.settledAt)} 정산 완료` : '아직 안 함 (경기가 끝나면 자동으로)'}
        </dd>
      </dl>

      <div class="section-head">
        <h2>참가자 {event.participantCount}명</h2>
        <LiveStatus live={live} />
        <button type="button" data-testid="add-participants" aria-expanded={picking} onClick={() => setPicking(!picking)}>
          참가자 추가
        </button>
      </div>
      {picking && <EligiblePicker eventId={id} onAdded={() => (setPicking(false), reload())} />}
      {event.participants.length === 0 ? (
        <p class="empty">아직 참가자가 없습니다. "참가자 추가"로 회원을 고르세요.</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">회원</th>
                <th scope="col">출석</th>
                <th scope="col">회비</th>
                <th scope="col">불참 신고</th>
                <th scope="col">관리</th>
              </tr>
            </thead>
            <tbody>
              {event.participants.map((participant) => {
                const { member } = participant;
                return (
                  <tr key={participant.id} data-testid="roster-row" data-member-id={member.id} data-status={participant.attendance} data-payment={participant.payment ?? undefined}>
                    <th scope="row">
                      <a href={`/admin/members/${member.id}`}>{member.name}</a> <small class="muted">{member.loginId}</small>
                      {participant.checkedInAt && <div class="muted">체크인 {koreaDateTime(participant.checkedInAt)}</div>}
                    </th>
                    <td>
                      <label class="sr-only" for={`attendance-${member.id}`}>
                        {member.name} 출석
                      </label>
                      <select
                        id={`attendance-${member.id}`}
                        data-testid="set-attendance"
                        value={participant.attendance}
                        disabled={setAttendance.busy}
                        onChange={(change) => changeAttendance(member.id, member.name, change.currentTarget.value as AttendanceStatus)}
                      >
                        {STATUSES.map((status) => (
                          <option key={status} value={status}>
                            {ATTENDANCE_LABELS[status]}
                          </option>
                        ))}
                      </select>
                      <label class="sr-only" for={`note-${member.id}`}>
                        {member.name} 출석 메모
                      </label>
                      <input
                        id={`note-${member.id}`}
                        data-testid="attendance-note"
                        placeholder="메모 (공결 사유 등)"
                        maxLength={500}
                        value={notes[member.id] ?? ''}
                        onInput={(input) => setNotes({ ...notes, [member.id]: input.currentTarget.value })}
                      />
                    </td>
                    <td>
                      <span class={`badge payment-${participant.payment}`}>{participant.payment ? PAYMENT_LABELS[participant.payment] : '-'}</span>
                      {participant.payment === 'AWAITING_CONFIRMATION' && <PaymentButtons eventId={id} memberId={member.id} name={member.name} />}
                    </td>
                    <td>{participant.absenceNotice ? `${ABSENCE_LABELS[participant.absenceNotice.status]}: ${participant.absenceNotice.reason}` : '-'}</td>
                    <td>
                      <button type="button" class="danger" data-testid="remove-participant" disabled={removeParticipant.busy} onClick={() => remove(member.id, member.name)}>
                        빼기<span class="sr-only"> {member.name}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>정산과 삭제</h2>
      <div class="actions">
        <button type="button" class="primary" data-testid="settle-now" disabled={settle.busy} onClick={settleNow}>
          {event.settledAt ? '다시 정산' : '지금 정산'}
        </button>
        <button type="button" class="danger" data-testid="delete-match" disabled={deleteMatch.busy} onClick={deleteThisMatch}>
          경기 지우기
        </button>
      </div>
      {dialog}
    </article>
  );
}
