import { graphql } from '../../gql';
import type { Gender } from '../../gql/graphql';
import { formValues, useAction } from '../../app/actions';
import { tellSuccess } from '../../app/notice';
import { navigate } from '../../app/router';
import { clubName } from '../../shared/club-name';
import { startSessionFrom } from '../../shared/session-payload';

const SetUpClubMutation = graphql(`
  mutation SetUpClub($input: ClubSetupInput!) {
    setUpClub(input: $input) {
      ...SessionPayload
    }
  }
`);

/** /admin/setup: a fresh install's first hour. The server answers 404 here once there is an admin. */
export function SetupPage() {
  const setUp = useAction(SetUpClubMutation);
  const submit = async (event: Event) => {
    const values = formValues(event);
    const data = await setUp.run({
      input: {
        setupCode: values.setupCode.trim(),
        clubName: values.clubName.trim(),
        joinCode: values.joinCode.trim() || null,
        loginId: values.loginId.trim(),
        password: values.password,
        name: values.name.trim(),
        phone: values.phone.trim(),
        gender: values.gender as Gender,
      },
    });
    if (!data) return;
    clubName.value = values.clubName.trim();
    startSessionFrom(data.setUpClub);
    navigate('/admin', { replace: true });
    tellSuccess('클럽을 만들었습니다. 이제 시즌과 경기를 만들고, 회원에게 가입 코드를 알려 주세요.');
  };

  return (
    <section class="auth">
      <h1>클럽 처음 설정</h1>
      <p class="muted">서버를 처음 켰을 때 로그에 나온 설정 코드("Setup code")로 클럽과 첫 운영진 계정을 만듭니다. 한 번만 할 수 있습니다.</p>
      <form class="form" onSubmit={submit} noValidate>
        <label>
          설정 코드 <small>서버 로그의 XXXX-XXXX-XXXX</small>
          <input name="setupCode" data-testid="setup-code" required autocomplete="off" autocapitalize="characters" />
        </label>
        <label>
          클럽 이름
          <input name="clubName" data-testid="setup-club-name" required maxLength={40} />
        </label>
        <label>
          가입 코드 <small>회원이 가입할 때 입력 (4자 이상)</small>
          <input name="joinCode" data-testid="setup-join-code" maxLength={64} autocomplete="off" />
        </label>
        <fieldset class="form">
          <legend>첫 운영진 계정</legend>
          <label>
            아이디 <small>영문 소문자·숫자·._- 4~32자</small>
            <input name="loginId" data-testid="setup-login-id" autocomplete="username" autocapitalize="none" required maxLength={32} />
          </label>
          <label>
            비밀번호 <small>8자 이상</small>
            <input name="password" type="password" data-testid="setup-password" autocomplete="new-password" required maxLength={128} />
          </label>
          <label>
            이름
            <input name="name" data-testid="setup-name" autocomplete="name" required maxLength={50} />
          </label>
          <label>
            전화번호
            <input name="phone" type="tel" data-testid="setup-phone" autocomplete="tel" required />
          </label>
          <label>
            성별
            <select name="gender" data-testid="setup-gender">
              <option value="MALE">남</option>
              <option value="FEMALE">여</option>
            </select>
          </label>
        </fieldset>
        <button type="submit" class="primary big" data-testid="setup-submit" disabled={setUp.busy}>
          클럽 만들기
        </button>
      </form>
    </section>
  );
}
