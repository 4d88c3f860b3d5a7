import { session } from '../shared/session';

/**
 * /admin: the officers' place. Members see "관리자만" and no data. Admins find the tools pitchside
 * has today (the dashboard, the playground); the console's own pages come with its issue.
 */
export function AdminPage() {
  if (session.value?.member.role !== 'ADMIN') {
    return (
      <section data-testid="admin-only">
        <h1>관리자만</h1>
        <p>이 페이지는 운영진만 볼 수 있습니다. 필요한 일이 있으면 운영진에게 문의하세요.</p>
        <p>
          <a href="/" class="button">
            홈으로
          </a>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>운영</h1>
      <ul class="rows">
        <li>
          <a href="/dashboard">출석 대시보드</a> — 시즌 출석 차트, 검토 대기, 내보내기
        </li>
        <li>
          <a href="/graphql">GraphQL 플레이그라운드</a> — 경기 만들기, 명단, 벌점 등 모든 운영 작업
        </li>
      </ul>
    </section>
  );
}
