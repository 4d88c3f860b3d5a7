/** "없는 페이지": a route the app does not know, or a thing that is not there (any more). */
export function NotFoundPage({ what = '페이지' }: { what?: string }) {
  return (
    <section class="not-found" data-testid="not-found">
      <h1>없는 페이지</h1>
      <p>찾는 {what}가 없습니다. 주소를 확인하거나 홈에서 다시 찾아 주세요.</p>
      <p>
        <a href="/" class="button">
          홈으로
        </a>
      </p>
    </section>
  );
}
