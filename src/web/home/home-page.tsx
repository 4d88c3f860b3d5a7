import { useQuery } from '@urql/preact';
import { useEffect, useMemo } from 'preact/hooks';
import { graphql } from '../gql';
import type { HomeMatchesQuery } from '../gql/graphql';
import { online } from '../app/offline';
import { tellError } from '../app/notice';
import { apiErrorOf } from '../shared/graphql-client';
import { keptData } from '../shared/session';
import { MatchCard } from './match-card';

const HomeMatchesQueryDocument = graphql(`
  query HomeMatches($from: DateTime!) {
    me {
      id
      name
    }
    events(first: 50, filter: { from: $from }) {
      edges {
        node {
          id
          ...MatchCard
        }
      }
    }
  }
`);

/** The last home the member loaded, shown when the phone is offline. */
const lastHome = keptData<HomeMatchesQuery>('home');

export function HomePage() {
  // Matches that have not ended; "now" is fixed for the page's life so the query stays the same.
  const from = useMemo(() => new Date().toISOString(), []);
  const [result] = useQuery({ query: HomeMatchesQueryDocument, variables: { from } });
  const failed = result.error ? apiErrorOf(result.error) : null;
  const offline = !online.value || failed?.code === 'NETWORK';

  useEffect(() => {
    if (result.data) lastHome.write(result.data);
  }, [result.data]);
  useEffect(() => {
    if (failed && failed.code !== 'NETWORK' && failed.code !== 'UNAUTHENTICATED') tellError(failed);
  }, [failed?.code]);

  const data = result.data ?? (offline ? lastHome.read() : null);
  return (
    <section>
      {offline && (
        <p class="offline-banner" data-testid="offline-banner" role="status">
          오프라인입니다. 마지막으로 불러온 화면을 보여 줍니다. 연결되면 새로 고쳐 주세요.
        </p>
      )}
      <h1>{data ? `${data.me.name}님의 경기` : '다가오는 경기'}</h1>
      {!data && result.fetching && <p class="muted">불러오는 중…</p>}
      {data && data.events.edges.length === 0 && <p class="empty">다가오는 경기가 없습니다. 새 경기가 잡히면 여기에 보입니다.</p>}
      {data && (
        <ul class="cards">
          {data.events.edges.map(({ node }) => (
            <MatchCard key={node.id} match={node} />
          ))}
        </ul>
      )}
    </section>
  );
}
