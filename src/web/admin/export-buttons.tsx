// The CSV exports, downloaded with the admin's token in a header: a URL alone never carries it.
import { useState } from 'preact/hooks';
import { tellError, tellSuccess } from '../app/notice';
import { session } from '../shared/session';

const EXPORTS = [
  { name: 'members', label: '회원 명단' },
  { name: 'attendance', label: '출석' },
  { name: 'penalties', label: '벌점' },
  { name: 'dues', label: '회비' },
] as const;

/** The file name the server gave (Content-Disposition), else what the export holds. */
function fileNameOf(response: Response, name: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? `${name}.csv`;
}

export function ExportButtons() {
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (name: string, label: string) => {
    setBusy(name);
    try {
      const response = await fetch(`/exports/${name}.csv`, { headers: { authorization: `Bearer ${session.value?.token ?? ''}` } });
      if (!response.ok) {
        tellError({ code: response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : 'INTERNAL_SERVER_ERROR' });
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: fileNameOf(response, name) });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      tellSuccess(`${label} 파일을 내려받았습니다.`);
    } catch {
      tellError({ code: 'NETWORK' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="console-tools" aria-labelledby="tools-title">
      <h2 id="tools-title">내보내기와 차트</h2>
      <div class="actions">
        {EXPORTS.map(({ name, label }) => (
          <button type="button" key={name} data-testid={`export-${name}`} disabled={busy !== null} onClick={() => download(name, label)}>
            {label} CSV
          </button>
        ))}
        <a class="button" href="/dashboard" data-testid="admin-dashboard-link">
          출석 대시보드
        </a>
      </div>
    </section>
  );
}
