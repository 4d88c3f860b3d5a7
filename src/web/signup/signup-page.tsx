import { graphql } from '../gql';
import { formValues, useAction } from '../app/actions';
import { tellSuccess } from '../app/notice';
import { navigate } from '../app/router';
import { startSessionFrom } from '../shared/session-payload';
import type { Gender } from '../gql/graphql';

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...SessionPayload
    }
  }
`);

export function SignupPage() {
  const signUp = useAction(SignUpMutation);

  const submit = async (event: Event) => {
    const { loginId, password, name, phone, gender, joinCode } = formValues(event);
    const data = await signUp.run({
      input: { loginId: loginId.trim(), password, name: name.trim(), phone: phone.trim(), gender: gender as Gender, joinCode: joinCode.trim() || null },
    });
    if (!data) return;
    startSessionFrom(data.signUp);
    navigate('/', { replace: true });
    tellSuccess('가입했습니다. 환영합니다!');
  };

  return (
    <section class="auth">
      <h1>회원가입</h1>
      <form class="form" onSubmit={submit} noValidate>
        <label>
          아이디 <small>영문 소문자·숫자·._- 4~32자</small>
          <input name="loginId" data-testid="signup-login-id" autocomplete="username" autocapitalize="none" required minLength={4} maxLength={32} />
        </label>
        <label>
          비밀번호 <small>8자 이상</small>
          <input name="password" type="password" data-testid="signup-password" autocomplete="new-password" required minLength={8} maxLength={128} />
        </label>
        <label>
          이름
          <input name="name" data-testid="signup-name" autocomplete="name" required maxLength={50} />
        </label>
        <label>
          전화번호
          <input name="phone" type="tel" data-testid="signup-phone" autocomplete="tel" inputMode="tel" required placeholder="010-1234-5678" />
        </label>
        <label>
          성별
          <select name="gender" data-testid="signup-gender" required>
            <option value="MALE">남성</option>
            <option value="FEMALE">여성</option>
          </select>
        </label>
        <label>
          가입 코드 <small>운영진에게 받은 코드</small>
          <input name="joinCode" data-testid="signup-join-code" autocomplete="off" autocapitalize="none" />
        </label>
        <button type="submit" class="primary" data-testid="signup-submit" disabled={signUp.busy}>
          가입하기
        </button>
      </form>
      <p class="links">
        <a href="/login">이미 회원이면 로그인</a>
      </p>
    </section>
  );
}
