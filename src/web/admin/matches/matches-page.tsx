import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import { koreaDateTime } from '../../shared/korea-time';
import { useLoadError } from '../load-error';

const SeasonChoicesQuery = graphql(`
  query SeasonChoices {
    seasons {
      id
      name
      startsAt
      endsAt
    }
    currentSeason {
      id
    }
  }
`);

const AdminMatchesQuery = graphql(`
  query AdminMatches($filter: EventFilter) {
    events(first: 100, filter: $filter) {
      edges {
        node {
          id
          title
          address
          startsAt
          endsAt
          settledAt
          fee
          participantCount
        }
      }
    }
  }
`);

type Match = { id: string; title: string; address: string; startsAt: string; endsAt: string; settledAt?: string | null; fee: number; participantCount: number };

function MatchRow({ match }: { match: Match }) {
  return (
    <tr data-testid="admin-match-row" data-event-id={match.id}>
      <td>
        <a href={`/admin/matches/${match.id}`}>{match.title}</a>
      </td>
      <td>{koreaDateTime(match.startsAt)}</td>
      <td>{match.address}</td>
      <td>{match.participantCount}명</td>
      <td>{match.settledAt ? '정산 완료' : Date.parse(match.endsAt) < Date.now() ? '정산 대기' : '예정'}</td>
    </tr>
  );
}

function MatchTable({ caption, matches }: { caption: string; matches: Match[] }) {
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">경기</th>
            <th scope="col">일시</th>
            <th scope="col">장소</th>
            <th scope="col">참가</th>
            <th scope="col">상태</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((match) => (
            <MatchRow key={match.id} match={match} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/matches: upcoming matches soonest first, then past ones latest first; by season. */
export function MatchesPage() {
  const [seasonId, setSeasonId] = useState<string>('');
  const [seasonsResult] = useQuery({ query: SeasonChoicesQuery });
  const season = seasonsResult.data?.seasons.find((s) => s.id === seasonId) ?? null;
  const [result] = useQuery({ query: AdminMatchesQuery, variables: { filter: season ? { from: season.startsAt, to: season.endsAt } : null }, pause: seasonId !== '' && !season });
  useLoadError(result.error ?? seasonsResult.error);
  const events = result.data?.events.edges.map((edge) => edge.node) ?? [];
  const now = Date.now();
  const upcoming = events.filter((event) => Date.parse(event.endsAt) >= now);
  const past = events.filter((event) => Date.parse(event.endsAt) < now).reverse();

  return (
    <section>
      <div class="section-head">
        <h1>경기</h1>
        <a class="button primary" href="/admin/matches/new" data-testid="new-match">
          새 경기 만들기
        </a>
      </div>
      <div class="toolbar">
        <label>
          시즌
          <select data-testid="season-select" value={seasonId} onChange={(event) => setSeasonId(event.currentTarget.value)}>
            <option value="">전체</option>
            {(seasonsResult.data?.seasons ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.id === seasonsResult.data?.currentSeason?.id ? ' (현재)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.fetching && !result.data ? (
        <p class="muted">불러오는 중…</p>
      ) : events.length === 0 ? (
        <p class="empty">경기가 없습니다. 새 경기를 만들어 보세요.</p>
      ) : (
        <>
          <h2>다가오는 경기</h2>
          {upcoming.length ? <MatchTable caption="가까운 순" matches={upcoming} /> : <p class="empty">다가오는 경기가 없습니다.</p>}
          <h2>지난 경기</h2>
          {past.length ? <MatchTable caption="최근 순" matches={past} /> : <p class="empty">지난 경기가 없습니다.</p>}
        </>
      )}
    </section>
  );
}
