import { useClient, useQuery } from '@urql/preact';
import { graphql } from '../gql';
import { formValues, useAction } from '../app/actions';
import { tellSuccess } from '../app/notice';
import { navigate } from '../app/router';
import { endSession, updateSession } from '../shared/session';
import { CalendarLink } from './calendar-link';
import { PushToggle, stopPushOnThisDevice } from './push-toggle';

const MyProfileQuery = graphql(`
  query MyProfile {
    me {
      id
      loginId
      name
      phone
    }
  }
`);

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      token
      expiresAt
    }
  }
`);

const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateMeInput!) {
    updateMe(input: $input) {
      id
      name
      phone
    }
  }
`);

export function AccountPage() {
  const client = useClient();
  const [profile] = useQuery({ query: MyProfileQuery });
  const changePassword = useAction(ChangePasswordMutation);
  const updateProfile = useAction(UpdateProfileMutation);
  const me = profile.data?.me;

  const submitPassword = async (event: Event) => {
    const form = event.currentTarget as HTMLFormElement;
    const { currentPassword, newPassword } = formValues(event);
    const data = await changePassword.run({ currentPassword, newPassword });
    if (!data) return;
    // Every earlier token stopped working; this device goes on with the new one.
    updateSession({ token: data.changePassword.token, expiresAt: data.changePassword.expiresAt });
    form.reset();
    tellSuccess('비밀번호를 바꿨습니다. 다른 기기에서는 다시 로그인해야 합니다.');
  };

  const submitProfile = async (event: Event) => {
    const { name, phone } = formValues(event);
    const data = await updateProfile.run({ input: { name: name.trim(), phone: phone.trim() } });
    if (!data) return;
    updateSession({ name: data.updateMe.name });
    tellSuccess('프로필을 저장했습니다.');
  };

  const signOut = async () => {
    await stopPushOnThisDevice(client);
    endSession('SIGNED_OUT');
    navigate('/login', { replace: true });
    tellSuccess('로그아웃했습니다.');
  };

  return (
    <section>
      <h1>내 계정</h1>
      {me && <p class="muted">아이디: {me.loginId}</p>}

      <section class="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">프로필</h2>
        {me && (
          <form class="form" onSubmit={submitProfile} noValidate>
            <label>
              이름
              <input name="name" data-testid="profile-name" autocomplete="name" defaultValue={me.name} required maxLength={50} />
            </label>
            <label>
              전화번호
              <input name="phone" type="tel" data-testid="profile-phone" autocomplete="tel" defaultValue={me.phone ?? ''} required />
            </label>
            <button type="submit" data-testid="profile-submit" disabled={updateProfile.busy}>
              프로필 저장
            </button>
          </form>
        )}
      </section>

      <section class="card" aria-labelledby="password-heading">
        <h2 id="password-heading">비밀번호 바꾸기</h2>
        <form class="form" onSubmit={submitPassword} noValidate>
          <label>
            현재 비밀번호
            <input name="currentPassword" type="password" data-testid="current-password" autocomplete="current-password" required />
          </label>
          <label>
            새 비밀번호 <small>8자 이상</small>
            <input name="newPassword" type="password" data-testid="new-password" autocomplete="new-password" required minLength={8} maxLength={128} />
          </label>
          <button type="submit" data-testid="password-submit" disabled={changePassword.busy}>
            비밀번호 바꾸기
          </button>
        </form>
      </section>

      <PushToggle />

      <CalendarLink />

      <section class="card" aria-labelledby="signout-heading">
        <h2 id="signout-heading">로그아웃</h2>
        <p class="muted">이 기기에 저장된 내 정보가 모두 지워집니다.</p>
        <button type="button" class="danger" data-testid="logout" onClick={signOut}>
          로그아웃
        </button>
      </section>
    </section>
  );
}
