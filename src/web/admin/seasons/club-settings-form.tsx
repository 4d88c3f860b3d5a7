import { useQuery } from '@urql/preact';
import { graphql } from '../../gql';
import { formValues, useAction } from '../../app/actions';
import { tellSuccess } from '../../app/notice';
import { useLoadError } from '../load-error';

const ClubSettingsQuery = graphql(`
  query ClubSettings {
    clubSettings {
      name
      joinCode
    }
  }
`);

const UpdateClubSettingsMutation = graphql(`
  mutation UpdateClubSettings($input: ClubSettingsInput!) {
    updateClubSettings(input: $input) {
      name
      joinCode
    }
  }
`);

/** The club's name (both apps and the installed app show it) and the join code sign-up asks for. */
export function ClubSettingsForm() {
  const [result] = useQuery({ query: ClubSettingsQuery });
  const save = useAction(UpdateClubSettingsMutation);
  useLoadError(result.error);
  const settings = result.data?.clubSettings;
  const submit = async (event: Event) => {
    const { name, joinCode } = formValues(event);
    if (await save.run({ input: { name: name.trim(), joinCode: joinCode.trim() || null } })) tellSuccess('클럽 설정을 저장했습니다. 앱을 새로 열면 새 이름이 보입니다.');
  };
  return (
    <section>
      <h2>클럽 설정</h2>
      {settings && (
        <form class="form" onSubmit={submit} noValidate>
          <label>
            클럽 이름 <small>1~40자</small>
            <input name="name" data-testid="club-name" required maxLength={40} defaultValue={settings.name} />
          </label>
          <label>
            가입 코드 <small>비우면 누구나 가입할 수 있습니다</small>
            <input name="joinCode" data-testid="club-join-code" maxLength={64} defaultValue={settings.joinCode ?? ''} autocomplete="off" />
          </label>
          <button type="submit" class="primary" data-testid="club-submit" disabled={save.busy}>
            클럽 설정 저장
          </button>
        </form>
      )}
    </section>
  );
}
