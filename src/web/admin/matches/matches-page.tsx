import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql, readFragment, type FragmentType } from '../../gql';
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
  query AdminMatches($upcoming: EventFilter, $past: EventFilter) {
    upcoming: events(first: 100, filter: $upcoming) {
      edges {
        node {
          ...AdminMatchRow
        }
      }
    }
    past: events(first: 100, filter: $past) {
      totalCount
      edges {
        node {
          ...AdminMatchRow
        }
      }
    }
  }
`);

const AdminMatchRowFragment = graphql(`
  fragment AdminMatchRow on Event {
    id
    title
    address
    startsAt
    endsAt
    settledAt
    participantCount
  }
`);

type MatchRowData = FragmentType<typeof AdminMatchRowFragment>;

function MatchRow(props: { match: MatchRowData }) {
  const match = readFragment(AdminMatchRowFragment, props.match);
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

function MatchTable({ caption, matches }: { caption: string; matches: MatchRowData[] }) {
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
            <MatchRow key={readFragment(AdminMatchRowFragment, match).id} match={match} />
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
  // Fixed when the page opens: variables that moved with the clock would fetch on every render.
  const [now] = useState(() => new Date().toISOString());
  const later = (a: string, b: string) => (a > b ? a : b);
  const earlier = (a: string, b: string) => (a < b ? a : b);
  // Asked apart, so that a long past never pushes the coming matches out of the first 100.
  const variables = season
    ? { upcoming: { from: later(now, season.startsAt), to: season.endsAt }, past: { from: season.startsAt, to: earlier(now, season.endsAt) } }
    : { upcoming: { from: now }, past: { to: now } };
  const [result] = useQuery({ query: AdminMatchesQuery, variables, pause: seasonId !== '' && !season });
  useLoadError(result.error ?? seasonsResult.error);
  const upcoming = result.data?.upcoming.edges.map((edge) => edge.node) ?? [];
  const upcomingIds = new Set(upcoming.map((match) => readFragment(AdminMatchRowFragment, match).id));
  // Started before now and not ending later (those are still coming): latest first.
  const past = (result.data?.past.edges.map((edge) => edge.node) ?? []).filter((match) => !upcomingIds.has(readFragment(AdminMatchRowFragment, match).id)).reverse();
  const morePast = (result.data?.past.totalCount ?? 0) > 100;

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
      ) : upcoming.length + past.length === 0 ? (
        <p class="empty">경기가 없습니다. 새 경기를 만들어 보세요.</p>
      ) : (
        <>
          <h2>다가오는 경기</h2>
          {upcoming.length ? <MatchTable caption="가까운 순" matches={upcoming} /> : <p class="empty">다가오는 경기가 없습니다.</p>}
          <h2>지난 경기</h2>
          {morePast && <p class="muted">지난 경기가 많아 가장 이른 100개만 보입니다. 시즌을 골라 좁혀 보세요.</p>}
          {past.length ? <MatchTable caption="최근 순" matches={past} /> : <p class="empty">지난 경기가 없습니다.</p>}
        </>
      )}
    </section>
  );
}
