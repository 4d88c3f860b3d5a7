import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../../gql';
import { STANDING_LABELS } from '../../app/status-labels';
import { useLoadError } from '../load-error';

const AdminMembersQuery = graphql(`
  query AdminMembers($search: String, $after: String) {
    members(first: 50, search: $search, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          loginId
          name
          role
          status
          penaltyPoints
          standing
        }
      }
    }
  }
`);

/** What the officer typed, once they pause: one search per pause, not per key. */
function useSettled(value: string, delayMs = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value]);
  return settled;
}

/** /admin/members: search, each member's points and standing this season, status. */
export function MembersPage() {
  const [typed, setTyped] = useState('');
  const search = useSettled(typed.trim());
  const [pages, setPages] = useState<(string | null)[]>([null]);
  useEffect(() => setPages([null]), [search]);

  return (
    <section>
      <div class="section-head">
        <h1>회원</h1>
        <a class="button" href="/admin/members/import" data-testid="import-members">
          명단 가져오기 (CSV)
        </a>
      </div>
      <div class="toolbar">
        <label>
          회원 찾기
          <input type="search" data-testid="member-search" value={typed} onInput={(input) => setTyped(input.currentTarget.value)} placeholder="이름 또는 아이디" />
        </label>
      </div>
      <div class="table-wrap">
        <table class="data">
          <caption class="muted">벌점과 상태는 현재 시즌 기준</caption>
          <thead>
            <tr>
              <th scope="col">이름</th>
              <th scope="col">아이디</th>
              <th scope="col">벌점</th>
              <th scope="col">상태</th>
              <th scope="col">계정</th>
            </tr>
          </thead>
          {pages.map((after, index) => (
            <MembersPageRows key={`${search}:${after}`} search={search} after={after} last={index === pages.length - 1} onMore={(cursor) => setPages([...pages, cursor])} />
          ))}
        </table>
      </div>
    </section>
  );
}

function MembersPageRows({ search, after, last, onMore }: { search: string; after: string | null; last: boolean; onMore(cursor: string): void }) {
  const [result] = useQuery({ query: AdminMembersQuery, variables: { search: search || null, after } });
  useLoadError(result.error);
  const members = result.data?.members;
  if (!members) {
    return (
      <tbody>
        <tr>
          <td colSpan={5} class="muted">
            {result.fetching ? '불러오는 중…' : '회원을 불러오지 못했습니다.'}
          </td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody>
      {members.edges.length === 0 && after === null && (
        <tr>
          <td colSpan={5} class="empty">
            맞는 회원이 없습니다.
          </td>
        </tr>
      )}
      {members.edges.map(({ node: member }) => (
        <tr key={member.id} data-testid="admin-member-row" data-member-id={member.id} data-standing={member.standing ?? undefined} data-status={member.status}>
          <th scope="row">
            <a href={`/admin/members/${member.id}`}>{member.name}</a>
            {member.role === 'ADMIN' && <span class="badge">운영진</span>}
          </th>
          <td>{member.loginId}</td>
          <td data-testid="member-points">{member.penaltyPoints ?? 0}</td>
          <td class={`standing-${member.standing}`}>{member.standing ? STANDING_LABELS[member.standing] : '-'}</td>
          <td>{member.status === 'ACTIVE' ? '활성' : '비활성'}</td>
        </tr>
      ))}
      {last && members.pageInfo.hasNextPage && (
        <tr>
          <td colSpan={5}>
            <button type="button" onClick={() => onMore(members.pageInfo.endCursor!)}>
              더 보기 (전체 {members.totalCount}명)
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
