/** /admin/… for a member who is not an admin: "관리자만", and no data is asked for. */
export function AdminOnly() {
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
