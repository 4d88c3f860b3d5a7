import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { graphql, readFragment, type FragmentType } from '../../gql';
import { useAction } from '../../app/actions';
import { tellSuccess } from '../../app/notice';
import { koreaDateTime } from '../../shared/korea-time';

export const PenaltyListFragment = graphql(`
  fragment PenaltyList on Member {
    penalties(includeRevoked: true) {
      id
      reason
      points
      note
      createdAt
      revokedAt
      revokeReason
      event {
        id
        title
      }
    }
  }
`);

const RevokePenaltyMutation = graphql(`
  mutation RevokePenalty($id: ID!, $reason: String!) {
    revokePenalty(id: $id, reason: $reason) {
      id
      revokedAt
      revokeReason
    }
  }
`);

const REASONS: Record<string, string> = { ABSENT: '결석', LATE: '지각', UNPAID: '미납', MANUAL: '운영진' };

type Confirm = (question: { title: string; body?: ComponentChildren; confirmLabel: string }) => Promise<boolean>;

/** This season's penalties, revoked ones too; revoking asks for a reason, then to confirm. */
export function PenaltyList(props: { member: FragmentType<typeof PenaltyListFragment>; confirm: Confirm; onChanged(): void }) {
  const { penalties } = readFragment(PenaltyListFragment, props.member);
  const revoke = useAction(RevokePenaltyMutation);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const submit = async (event: Event, id: string, points: number) => {
    event.preventDefault();
    const yes = await props.confirm({ title: `벌점 ${points}점을 취소할까요?`, body: <p>사유: {reason.trim()}</p>, confirmLabel: '벌점 취소' });
    if (yes && (await revoke.run({ id, reason: reason.trim() }))) {
      setRevoking(null);
      setReason('');
      tellSuccess('벌점을 취소했습니다.');
      props.onChanged();
    }
  };

  if (!penalties?.length) return <p class="empty">이번 시즌 벌점이 없습니다.</p>;
  return (
    <ul class="rows">
      {penalties.map((penalty) => (
        <li key={penalty.id} data-testid="penalty-row" data-penalty-id={penalty.id} data-points={penalty.points} data-revoked={penalty.revokedAt ? 'true' : 'false'}>
          <div>
            <strong>
              {REASONS[penalty.reason]} {penalty.points}점
            </strong>{' '}
            {penalty.event?.title && <span class="muted">{penalty.event.title}</span>} <span class="muted">{koreaDateTime(penalty.createdAt)}</span>
            {penalty.note && <div>{penalty.note}</div>}
            {penalty.revokedAt && (
              <div class="muted">
                취소됨 ({koreaDateTime(penalty.revokedAt)}): {penalty.revokeReason}
              </div>
            )}
          </div>
          {!penalty.revokedAt &&
            (revoking === penalty.id ? (
              <form class="form" onSubmit={(event) => submit(event, penalty.id, penalty.points)}>
                <label>
                  취소 사유
                  <input data-testid="revoke-reason" value={reason} required maxLength={500} onInput={(input) => setReason(input.currentTarget.value)} />
                </label>
                <button type="submit" class="danger" data-testid="revoke-submit" disabled={revoke.busy || reason.trim() === ''}>
                  취소하기
                </button>
              </form>
            ) : (
              <button type="button" class="danger" data-testid="revoke-penalty" onClick={() => (setRevoking(penalty.id), setReason(''))}>
                벌점 취소
              </button>
            ))}
        </li>
      ))}
    </ul>
  );
}
