import { graphql } from '../gql';
import { formValues, useAction } from '../app/actions';
import { tellSuccess } from '../app/notice';
import { navigate } from '../app/router';
import { startSessionFrom } from '../shared/session-payload';

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($loginId: String!, $code: String!, $newPassword: String!) {
    resetPassword(loginId: $loginId, code: $code, newPassword: $newPassword) {
      ...SessionPayload
    }
  }
`);

export function ResetPage() {
  const reset = useAction(ResetPasswordMutation);

  const submit = async (event: Event) => {
    const { loginId, code, newPassword } = formValues(event);
    const data = await reset.run({ loginId: loginId.trim(), code: code.trim(), newPassword });
    if (!data) return;
    startSessionFrom(data.resetPassword);
    navigate('/', { replace: true });
    tellSuccess('새 비밀번호로 바꿨습니다.');
  };

  return (
    <section class="auth">
      <h1>비밀번호 재설정</h1>
      <p>운영진에게 받은 재설정 코드로 새 비밀번호를 정하세요.</p>
      <form class="form" onSubmit={submit} noValidate>
        <label>
          아이디
          <input name="loginId" data-testid="reset-login-id" autocomplete="username" autocapitalize="none" required />
        </label>
        <label>
          재설정 코드
          <input name="code" data-testid="reset-code" autocomplete="one-time-code" autocapitalize="none" required />
        </label>
        <label>
          새 비밀번호 <small>8자 이상</small>
          <input name="newPassword" type="password" data-testid="reset-password" autocomplete="new-password" required minLength={8} maxLength={128} />
        </label>
        <button type="submit" class="primary" data-testid="reset-submit" disabled={reset.busy}>
          비밀번호 바꾸고 로그인
        </button>
      </form>
      <p class="links">
        <a href="/login">로그인으로 돌아가기</a>
      </p>
    </section>
  );
}
