import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import type { MemberStatus, Role } from '../../gql/graphql';
import { formValues, useAction } from '../../app/actions';
import { tellError, tellSuccess } from '../../app/notice';
import { STANDING_LABELS } from '../../app/status-labels';
import { koreaDateTime } from '../../shared/korea-time';
import { NotFoundPage } from '../../not-found/not-found-page';
import { useConfirm } from '../confirm-dialog';
import { useLoadError } from '../load-error';
import { PenaltyList } from './penalty-list';

const AdminMemberQuery = graphql(`
  query AdminMember($id: ID!) {
    member(id: $id) {
      id
      loginId
      name
      phone
      gender
      role
      status
      createdAt
      penaltyPoints
      warningCount
      standing
      ...PenaltyList
    }
  }
`);

const IssuePenaltyMutation = graphql(`
  mutation IssuePenalty($memberId: ID!, $points: Int!, $note: String!) {
    issuePenalty(memberId: $memberId, points: $points, note: $note) {
      id
    }
  }
`);

const SetRoleMutation = graphql(`
  mutation SetRole($memberId: ID!, $role: Role!) {
    setRole(memberId: $memberId, role: $role) {
      id
      role
    }
  }
`);

const SetMemberStatusMutation = graphql(`
  mutation SetMemberStatus($memberId: ID!, $status: MemberStatus!) {
    setMemberStatus(memberId: $memberId, status: $status) {
      id
      status
    }
  }
`);

const CreateResetCodeMutation = graphql(`
  mutation CreateResetCode($memberId: ID!) {
    createPasswordReset(memberId: $memberId) {
      code
      expiresAt
    }
  }
`);

const EraseMemberMutation = graphql(`
  mutation EraseMember($memberId: ID!) {
    eraseMember(memberId: $memberId) {
      id
      name
      loginId
      phone
    }
  }
`);

/** /admin/members/<id>: the member's record, penalties, role and status, reset code, erasure. */
export function MemberPage({ id }: { id: string }) {
  const [result, refresh] = useQuery({ query: AdminMemberQuery, variables: { id } });
  const issuePenalty = useAction(IssuePenaltyMutation);
  const setRole = useAction(SetRoleMutation);
  const setStatus = useAction(SetMemberStatusMutation);
  const createResetCode = useAction(CreateResetCodeMutation);
  const erase = useAction(EraseMemberMutation);
  const { confirm, dialog } = useConfirm();
  const [issuing, setIssuing] = useState(false);
  const [resetCode, setResetCode] = useState<{ code: string; expiresAt: string } | null>(null);
  useLoadError(result.error);

  if (result.data && !result.data.member) return <NotFoundPage what="회원" />;
  const member = result.data?.member;
  if (!member) return <p class="muted">{result.fetching ? '불러오는 중…' : '회원을 불러오지 못했습니다.'}</p>;
  const reload = () => refresh({ requestPolicy: 'network-only' });

  const submitPenalty = async (event: Event) => {
    const { points, note } = formValues(event);
    const value = Number(points);
    if (!Number.isInteger(value) || value < 1) return tellError({ code: 'BAD_USER_INPUT', field: 'points' });
    if (await issuePenalty.run({ memberId: id, points: value, note: note.trim() })) {
      setIssuing(false);
      tellSuccess(`${member.name}님에게 벌점 ${value}점을 주었습니다.`);
      reload();
    }
  };
  const changeRole = async (role: Role) => {
    if (await setRole.run({ memberId: id, role })) tellSuccess(role === 'ADMIN' ? `${member.name}님을 운영진으로 지정했습니다.` : `${member.name}님을 일반 회원으로 바꿨습니다.`);
    else reload();
  };
  const changeStatus = async (status: MemberStatus) => {
    if (await setStatus.run({ memberId: id, status }))
      tellSuccess(status === 'ACTIVE' ? `${member.name}님을 다시 활성으로 바꿨습니다.` : `${member.name}님을 비활성으로 바꿨습니다. 더 이상 로그인할 수 없습니다.`);
    else reload();
  };
  const makeResetCode = async () => {
    const data = await createResetCode.run({ memberId: id });
    if (data) {
      setResetCode(data.createPasswordReset);
      tellSuccess('재설정 코드를 만들었습니다. 회원에게 불러 주세요.');
    }
  };
  const eraseMember = async () => {
    const yes = await confirm({
      title: '회원 정보를 지울까요?',
      body: <p>이름, 전화번호, 아이디가 지워지고 되돌릴 수 없습니다. 출석, 회비, 벌점 기록은 클럽 통계를 위해 남습니다.</p>,
      confirmLabel: '영구히 지우기',
      typeToConfirm: { label: `확인을 위해 아이디(${member.loginId})를 입력하세요`, expected: member.loginId },
    });
    if (yes && (await erase.run({ memberId: id }))) tellSuccess('회원 정보를 지웠습니다.');
  };

  return (
    <article>
      <h1>{member.name}</h1>
      <dl class="facts">
        <dt>아이디</dt>
        <dd>{member.loginId}</dd>
        <dt>전화번호</dt>
        <dd>{member.phone ?? '-'}</dd>
        <dt>성별</dt>
        <dd>{member.gender === 'MALE' ? '남' : '여'}</dd>
        <dt>가입</dt>
        <dd>{koreaDateTime(member.createdAt)}</dd>
        <dt>이번 시즌</dt>
        <dd>
          벌점 <strong data-testid="member-points">{member.penaltyPoints ?? 0}</strong>점 · 경고 {member.warningCount ?? 0}회 ·{' '}
          <span data-testid="member-standing" data-standing={member.standing ?? undefined} class={`standing-${member.standing}`}>
            {member.standing ? STANDING_LABELS[member.standing] : '-'}
          </span>
        </dd>
      </dl>

      <h2>벌점</h2>
      <button type="button" data-testid="issue-penalty" aria-expanded={issuing} onClick={() => setIssuing(!issuing)}>
        벌점 주기
      </button>
      {issuing && (
        <form class="card form" onSubmit={submitPenalty} noValidate>
          <label>
            벌점
            <input name="points" type="number" min={1} step={1} inputMode="numeric" data-testid="penalty-points" required />
          </label>
          <label>
            사유
            <input name="note" data-testid="penalty-note" required maxLength={500} />
          </label>
          <button type="submit" class="primary" data-testid="penalty-submit" disabled={issuePenalty.busy}>
            벌점 주기
          </button>
        </form>
      )}
      <PenaltyList member={member} confirm={confirm} onChanged={reload} />

      <h2>역할과 상태</h2>
      <div class="split">
        <label>
          역할
          <select data-testid="set-role" value={member.role} disabled={setRole.busy} onChange={(change) => changeRole(change.currentTarget.value as Role)}>
            <option value="MEMBER">일반 회원</option>
            <option value="ADMIN">운영진</option>
          </select>
        </label>
        <label>
          상태
          <select data-testid="set-status" value={member.status} disabled={setStatus.busy} onChange={(change) => changeStatus(change.currentTarget.value as MemberStatus)}>
            <option value="ACTIVE">활성</option>
            <option value="INACTIVE">비활성 (로그인 불가)</option>
          </select>
        </label>
      </div>

      <h2>비밀번호 재설정 코드</h2>
      <p class="muted">회원이 비밀번호를 잊었을 때: 코드를 만들어 불러 주면, 회원이 앱의 "비밀번호 재설정"에서 새 비밀번호를 정합니다.</p>
      <button type="button" data-testid="create-reset-code" disabled={createResetCode.busy || member.status !== 'ACTIVE'} onClick={makeResetCode}>
        재설정 코드 만들기
      </button>
      {resetCode && (
        <div class="card" aria-live="polite">
          <p class="reset-code" data-testid="reset-code">
            {resetCode.code}
          </p>
          <p data-testid="reset-code-expiry">{koreaDateTime(resetCode.expiresAt)}까지 쓸 수 있습니다. 한 번만 보입니다.</p>
        </div>
      )}

      <h2>회원 정보 지우기</h2>
      <p class="muted">비활성 회원만 지울 수 있습니다.</p>
      <button type="button" class="danger" data-testid="erase-member" disabled={erase.busy || member.status !== 'INACTIVE'} onClick={eraseMember}>
        회원 정보 지우기
      </button>
      {dialog}
    </article>
  );
}
