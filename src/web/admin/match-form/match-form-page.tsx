import { useQuery } from '@urql/preact';
import { graphql } from '../../gql';
import type { Audience } from '../../gql/graphql';
import { formValues, useAction } from '../../app/actions';
import { tellError, tellSuccess } from '../../app/notice';
import { navigate } from '../../app/router';
import { fromKoreaInput, koreaInputValue } from '../../shared/korea-time';
import { NotFoundPage } from '../../not-found/not-found-page';
import { useLoadError } from '../load-error';

const MatchForEditQuery = graphql(`
  query MatchForEdit($id: ID!) {
    event(id: $id) {
      id
      title
      description
      address
      audience
      fee
      startsAt
      endsAt
    }
  }
`);

const CreateMatchMutation = graphql(`
  mutation CreateMatch($input: CreateEventInput!) {
    createEvent(input: $input) {
      id
    }
  }
`);

const UpdateMatchMutation = graphql(`
  mutation UpdateMatch($id: ID!, $input: UpdateEventInput!) {
    updateEvent(id: $id, input: $input) {
      id
      title
      description
      address
      latitude
      longitude
      audience
      fee
      startsAt
      endsAt
    }
  }
`);

type MatchValues = { title: string; description?: string | null; address: string; audience: Audience; fee: number; startsAt: string; endsAt: string };

/** The form's fields as the API takes them; null (told in the notice) when a time is missing. */
function matchInput(event: Event): MatchValues | null {
  const values = formValues(event);
  const startsAt = fromKoreaInput(values.startsAt);
  const endsAt = fromKoreaInput(values.endsAt);
  if (!startsAt || !endsAt) {
    tellError({ code: 'BAD_USER_INPUT', field: startsAt ? 'endsAt' : 'startsAt' });
    return null;
  }
  const fee = Number(values.fee || '0');
  return {
    title: values.title.trim(),
    description: values.description.trim() || null,
    address: values.address.trim(),
    audience: values.audience as Audience,
    fee: Number.isInteger(fee) ? fee : -1,
    startsAt,
    endsAt,
  };
}

function MatchForm({ initial, busy, onSubmit }: { initial?: MatchValues; busy: boolean; onSubmit(event: Event): void }) {
  return (
    <form class="form" onSubmit={onSubmit} noValidate>
      <label>
        경기 이름
        <input name="title" data-testid="match-title" required maxLength={100} defaultValue={initial?.title} />
      </label>
      <div class="split">
        <label>
          시작 <small>한국 시간</small>
          <input name="startsAt" type="datetime-local" data-testid="match-starts-at" required defaultValue={initial && koreaInputValue(initial.startsAt)} />
        </label>
        <label>
          종료 <small>한국 시간</small>
          <input name="endsAt" type="datetime-local" data-testid="match-ends-at" required defaultValue={initial && koreaInputValue(initial.endsAt)} />
        </label>
      </div>
      <label>
        주소 <small>저장할 때 지도에서 위치를 찾습니다</small>
        <input name="address" data-testid="match-address" required defaultValue={initial?.address} />
      </label>
      <div class="split">
        <label>
          회비 <small>원, 없으면 0</small>
          <input name="fee" type="number" min={0} step={1000} inputMode="numeric" data-testid="match-fee" defaultValue={String(initial?.fee ?? 0)} />
        </label>
        <label>
          대상
          <select name="audience" data-testid="match-audience" defaultValue={initial?.audience ?? 'ALL'}>
            <option value="ALL">전체</option>
            <option value="MALE">남성</option>
            <option value="FEMALE">여성</option>
          </select>
        </label>
      </div>
      <label>
        설명 <small>선택</small>
        <textarea name="description" data-testid="match-description" rows={3} maxLength={2000} defaultValue={initial?.description ?? ''} />
      </label>
      <button type="submit" class="primary big" data-testid="match-submit" disabled={busy}>
        {busy ? '저장하는 중…' : '저장'}
      </button>
    </form>
  );
}

/** /admin/matches/new and /admin/matches/<id>/edit: the address is placed by the geocoder on save. */
export function MatchFormPage({ id }: { id?: string }) {
  const [result] = useQuery({ query: MatchForEditQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  const create = useAction(CreateMatchMutation);
  const update = useAction(UpdateMatchMutation);
  useLoadError(result.error);

  const submit = async (event: Event) => {
    const input = matchInput(event);
    if (!input) return;
    if (id) {
      if (await update.run({ id, input })) {
        navigate(`/admin/matches/${id}`);
        tellSuccess('경기를 고쳤습니다.');
      }
      return;
    }
    const data = await create.run({ input });
    if (data) {
      navigate(`/admin/matches/${data.createEvent.id}`);
      tellSuccess('경기를 만들었습니다. 이제 참가자를 추가하세요.');
    }
  };

  if (!id) {
    return (
      <section>
        <h1>새 경기</h1>
        <MatchForm busy={create.busy} onSubmit={submit} />
      </section>
    );
  }
  if (result.data && !result.data.event) return <NotFoundPage what="경기" />;
  const match = result.data?.event;
  return (
    <section>
      <h1>경기 고치기</h1>
      {match ? <MatchForm initial={match} busy={update.busy} onSubmit={submit} /> : <p class="muted">불러오는 중…</p>}
      <p>
        <a href={`/admin/matches/${id}`}>경기로 돌아가기</a>
      </p>
    </section>
  );
}
