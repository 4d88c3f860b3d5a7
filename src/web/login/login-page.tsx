import { useEffect } from 'preact/hooks';
import { graphql } from '../gql';
import { formValues, useAction } from '../app/actions';
import { tellError } from '../app/notice';
import { navigate, nextPath } from '../app/router';
import { startSessionFrom } from '../shared/session-payload';
import { sessionEndReason } from '../shared/session';

const SignInMutation = graphql(`
  mutation SignIn($loginId: String!, $password: String!) {
    login(loginId: $loginId, password: $password) {
      ...SessionPayload
    }
  }
`);

export function LoginPage() {
  const signIn = useAction(SignInMutation);
  useEffect(() => {
    // Sent here by an expired or refused token: say so once.
    if (sessionEndReason.peek() === 'EXPIRED') tellError({ code: 'UNAUTHENTICATED' });
  }, []);

  const submit = async (event: Event) => {
    const { loginId, password } = formValues(event);
    const data = await signIn.run({ loginId: loginId.trim(), password });
    if (!data) return;
    startSessionFrom(data.login);
    navigate(nextPath(), { replace: true });
  };

  return (
    <section class="auth">
      <h1>로그인</h1>
      <form class="form" onSubmit={submit} noValidate>
        <label>
          아이디
          <input name="loginId" data-testid="login-id" autocomplete="username" autocapitalize="none" required />
        </label>
        <label>
          비밀번호
          <input name="password" type="password" data-testid="login-password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="primary" data-testid="login-submit" disabled={signIn.busy}>
          로그인
        </button>
      </form>
      <p class="links">
        <a href="/signup">처음이신가요? 회원가입</a>
        <a href="/reset">비밀번호를 잊었나요? 재설정 코드로 바꾸기</a>
      </p>
    </section>
  );
}
