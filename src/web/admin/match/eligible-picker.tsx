import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import { useAction } from '../../app/actions';
import { tellSuccess } from '../../app/notice';
import { useLoadError } from '../load-error';

const EligibleMembersQuery = graphql(`
  query EligibleMembers($eventId: ID!) {
    eligibleMembers(eventId: $eventId) {
      id
      name
      loginId
    }
  }
`);

const AddParticipantsMutation = graphql(`
  mutation AddParticipants($eventId: ID!, $memberIds: [ID!]!) {
    addParticipants(eventId: $eventId, memberIds: $memberIds) {
      id
    }
  }
`);

/** The members who may play and are not in yet, searchable; many are added at once. */
export function EligiblePicker({ eventId, onAdded }: { eventId: string; onAdded(): void }) {
  const [result] = useQuery({ query: EligibleMembersQuery, variables: { eventId }, requestPolicy: 'network-only' });
  const add = useAction(AddParticipantsMutation);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  useLoadError(result.error);
  const needle = search.trim().toLowerCase();
  const members = (result.data?.eligibleMembers ?? []).filter((member) => !needle || member.name.toLowerCase().includes(needle) || member.loginId.includes(needle));

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setChosen(next);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (chosen.size === 0) return;
    if (await add.run({ eventId, memberIds: [...chosen] })) {
      tellSuccess(`${chosen.size}명을 참가자로 추가했습니다.`);
      onAdded();
    }
  };

  return (
    <form class="card form" onSubmit={submit}>
      <label>
        회원 찾기
        <input type="search" data-testid="eligible-search" value={search} onInput={(input) => setSearch(input.currentTarget.value)} placeholder="이름 또는 아이디" />
      </label>
      {result.fetching && !result.data ? (
        <p class="muted">불러오는 중…</p>
      ) : members.length === 0 ? (
        <p class="empty">추가할 수 있는 회원이 없습니다.</p>
      ) : (
        <fieldset class="pick-list">
          <legend class="sr-only">추가할 회원</legend>
          {members.map((member) => (
            <label key={member.id} data-testid="eligible-member" data-member-id={member.id}>
              <input type="checkbox" checked={chosen.has(member.id)} onChange={() => toggle(member.id)} />
              {member.name} <small class="muted">{member.loginId}</small>
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" class="primary" data-testid="add-participants-submit" disabled={add.busy || chosen.size === 0}>
        {chosen.size}명 추가
      </button>
    </form>
  );
}
