import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../gql';
import { tellError } from '../app/notice';
import { ATTENDANCE_LABELS, PENALTY_REASON_LABELS, STANDING_LABELS } from '../app/status-labels';
import { apiErrorOf } from '../shared/graphql-client';
import { koreaDateTime } from '../shared/korea-time';

const MySeasonsQuery = graphql(`
  query MySeasons {
    seasons {
      id
      name
      startsAt
      endsAt
      current
    }
    figuresSeason {
      id
    }
  }
`);

const MyStandingQuery = graphql(`
  query MyStanding($seasonId: ID) {
    me {
      id
      name
      penaltyPoints(seasonId: $seasonId)
      warningCount(seasonId: $seasonId)
      standing(seasonId: $seasonId)
      stats(seasonId: $seasonId) {
        joined
        attended
        late
        absent
        excused
        attendanceRate
      }
      penalties(seasonId: $seasonId) {
        id
        reason
        points
        note
        createdAt
        event {
          id
          title
        }
      }
      participations {
        id
        attendance
        event {
          id
          title
          startsAt
        }
      }
    }
  }
`);

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export function MePage() {
  const [seasonsResult] = useQuery({ query: MySeasonsQuery });
  const seasons = seasonsResult.data?.seasons ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  // The page opens on the season the server counts figures in when none is named.
  const seasonId = chosen ?? seasonsResult.data?.figuresSeason?.id ?? null;
  const season = seasons.find((candidate) => candidate.id === seasonId) ?? null;
  const [result] = useQuery({ query: MyStandingQuery, variables: { seasonId }, pause: !seasonsResult.data });
  const failed = result.error ?? seasonsResult.error;

  useEffect(() => {
    if (!failed) return;
    const error = apiErrorOf(failed);
    if (error.code !== 'UNAUTHENTICATED') tellError(error);
  }, [failed]);

  const me = result.data?.me;
  // The season's matches: those that start inside it (api-rules: an event belongs to the season of its start).
  const played = (me?.participations ?? [])
    .filter(({ event }) => !season || (event.startsAt >= season.startsAt && event.startsAt < season.endsAt))
    // Played: begun, or already marked (a settled match's absentees among them).
    .filter(({ attendance, event }) => attendance !== 'PENDING' || Date.parse(event.startsAt) <= Date.now())
    .sort((a, b) => b.event.startsAt.localeCompare(a.event.startsAt));

  return (
    <section>
      <h1>나의 기록</h1>
      <label class="inline">
        시즌
        <select data-testid="season-select" value={seasonId ?? ''} onChange={(event) => setChosen((event.currentTarget as HTMLSelectElement).value || null)}>
          {!seasonsResult.data?.figuresSeason && <option value="">전체 기간</option>}
          {seasons.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
              {option.current ? ' (현재)' : ''}
            </option>
          ))}
        </select>
      </label>
      {!me && <p class="muted">{result.fetching || seasonsResult.fetching ? '불러오는 중…' : ''}</p>}
      {me && (
        <>
          <div class="figures">
            <p class="figure">
              <span class="label">벌점</span>
              <strong data-testid="my-points">{me.penaltyPoints ?? 0}</strong>
            </p>
            <p class="figure">
              <span class="label">경고</span>
              <strong>{me.warningCount ?? 0}회</strong>
            </p>
            <p class="figure">
              <span class="label">상태</span>
              <strong data-testid="my-standing" data-standing={me.standing ?? 'GOOD'} class={`standing-${me.standing ?? 'GOOD'}`}>
                {STANDING_LABELS[me.standing ?? 'GOOD']}
              </strong>
            </p>
            {me.stats && (
              <p class="figure">
                <span class="label">출석률</span>
                <strong>{percent(me.stats.attendanceRate)}</strong>
              </p>
            )}
          </div>

          <h2>벌점 내역</h2>
          {me.penalties && me.penalties.length > 0 ? (
            <ul class="rows">
              {me.penalties.map((penalty) => (
                <li key={penalty.id} data-testid="penalty-row">
                  <strong>+{penalty.points}점</strong> {PENALTY_REASON_LABELS[penalty.reason]}
                  {penalty.event && ` · ${penalty.event.title}`}
                  {penalty.note && <span class="muted"> — {penalty.note}</span>}
                  <span class="muted"> ({koreaDateTime(penalty.createdAt)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">이 시즌에 받은 벌점이 없습니다.</p>
          )}

          <h2>출석 기록</h2>
          {played.length > 0 ? (
            <ul class="rows">
              {played.map(({ id, attendance, event }) => (
                <li key={id} data-testid="attendance-row" data-status={attendance}>
                  <a href={`/matches/${event.id}`}>{event.title}</a> <span class="muted">{koreaDateTime(event.startsAt)}</span>{' '}
                  <span class={`badge attendance-${attendance}`}>{ATTENDANCE_LABELS[attendance]}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">이 시즌에 뛴 경기가 없습니다.</p>
          )}
        </>
      )}
    </section>
  );
}
