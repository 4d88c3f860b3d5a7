import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import { formValues, useAction } from '../../app/actions';
import { tellError, tellSuccess } from '../../app/notice';
import { fromKoreaInput, koreaDateTime, koreaInputValue } from '../../shared/korea-time';
import { useConfirm } from '../confirm-dialog';
import { useLoadError } from '../load-error';
import { ClubSettingsForm } from './club-settings-form';

const AdminSeasonsQuery = graphql(`
  query AdminSeasons {
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

const CreateSeasonMutation = graphql(`
  mutation CreateSeason($input: SeasonInput!) {
    createSeason(input: $input) {
      id
    }
  }
`);

const UpdateSeasonMutation = graphql(`
  mutation UpdateSeason($id: ID!, $input: SeasonInput!) {
    updateSeason(id: $id, input: $input) {
      id
      name
      startsAt
      endsAt
    }
  }
`);

const DeleteSeasonMutation = graphql(`
  mutation DeleteSeason($id: ID!) {
    deleteSeason(id: $id)
  }
`);

type Season = { id: string; name: string; startsAt: string; endsAt: string };

/** /admin/seasons: the club's terms (기수) and its name and join code. */
export function SeasonsPage() {
  const [result, refresh] = useQuery({ query: AdminSeasonsQuery });
  const create = useAction(CreateSeasonMutation);
  const update = useAction(UpdateSeasonMutation);
  const remove = useAction(DeleteSeasonMutation);
  const { confirm, dialog } = useConfirm();
  const [editing, setEditing] = useState<Season | null>(null);
  useLoadError(result.error);
  const reload = () => refresh({ requestPolicy: 'network-only' });

  const submit = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const values = formValues(event);
    const startsAt = fromKoreaInput(values.startsAt);
    const endsAt = fromKoreaInput(values.endsAt);
    if (!startsAt || !endsAt) return tellError({ code: 'BAD_USER_INPUT', field: startsAt ? 'endsAt' : 'startsAt' });
    const input = { name: values.name.trim(), startsAt, endsAt };
    const done = editing ? await update.run({ id: editing.id, input }) : await create.run({ input });
    if (!done) return;
    tellSuccess(editing ? `시즌 "${input.name}"을(를) 고쳤습니다.` : `시즌 "${input.name}"을(를) 만들었습니다.`);
    setEditing(null);
    form.reset();
    reload();
  };
  const deleteSeason = async (season: Season) => {
    const yes = await confirm({ title: `시즌 "${season.name}"을(를) 지울까요?`, body: <p>경기와 벌점은 지워지지 않습니다. 시즌별 통계에서만 빠집니다.</p>, confirmLabel: '지우기' });
    if (yes && (await remove.run({ id: season.id }))) {
      tellSuccess('시즌을 지웠습니다.');
      reload();
    }
  };

  return (
    <section>
      <h1>시즌</h1>
      <ul class="rows">
        {(result.data?.seasons ?? []).map((season) => (
          <li key={season.id} data-testid="season-row" data-season-id={season.id}>
            <div>
              <strong>{season.name}</strong> {season.id === result.data?.currentSeason?.id && <span class="badge">현재</span>}
              <div class="muted">
                {koreaDateTime(season.startsAt)} ~ {koreaDateTime(season.endsAt)}
              </div>
            </div>
            <div class="actions">
              <button type="button" data-testid="edit-season" onClick={() => setEditing(season)}>
                고치기<span class="sr-only"> {season.name}</span>
              </button>
              <button type="button" class="danger" data-testid="delete-season" disabled={remove.busy} onClick={() => deleteSeason(season)}>
                지우기<span class="sr-only"> {season.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {result.data?.seasons.length === 0 && <p class="empty">시즌이 없습니다. 벌점과 통계는 시즌마다 따로 셉니다.</p>}

      <h2>{editing ? `시즌 고치기: ${editing.name}` : '새 시즌'}</h2>
      <form class="form" key={editing?.id ?? 'new'} onSubmit={submit} noValidate>
        <label>
          이름 <small>예: 2027년 1학기</small>
          <input name="name" data-testid="season-name" required maxLength={50} defaultValue={editing?.name} />
        </label>
        <div class="split">
          <label>
            시작 <small>한국 시간</small>
            <input name="startsAt" type="datetime-local" data-testid="season-starts-at" required defaultValue={editing ? koreaInputValue(editing.startsAt) : undefined} />
          </label>
          <label>
            끝 <small>이 시각부터 다음 시즌</small>
            <input name="endsAt" type="datetime-local" data-testid="season-ends-at" required defaultValue={editing ? koreaInputValue(editing.endsAt) : undefined} />
          </label>
        </div>
        <div class="actions">
          <button type="submit" class="primary" data-testid="season-submit" disabled={create.busy || update.busy}>
            {editing ? '고친 내용 저장' : '시즌 만들기'}
          </button>
          {editing && (
            <button type="button" onClick={() => setEditing(null)}>
              고치기 취소
            </button>
          )}
        </div>
      </form>
      <ClubSettingsForm />
      {dialog}
    </section>
  );
}
