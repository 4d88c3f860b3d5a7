// The one place a result is told (web-contract: [data-testid=notice] with data-kind, and data-code
// for an error). Korean text only: codes go into the attribute, never into what is read.
import { signal } from '@preact/signals';
import { messageFor, type ApiError } from '../shared/error-messages';

interface Notice {
  kind: 'success' | 'error';
  text: string;
  code?: string;
}

const notice = signal<Notice | null>(null);

export const clearNotice = () => {
  notice.value = null;
};

export const tellSuccess = (text: string) => {
  notice.value = { kind: 'success', text };
};

export const tellError = (error: ApiError, text = messageFor(error)) => {
  notice.value = { kind: 'error', text, code: error.code };
};

export function NoticeArea() {
  const current = notice.value;
  return (
    <div class="notice-area" aria-live="polite">
      {current && (
        <p class={`notice notice-${current.kind}`} data-testid="notice" data-kind={current.kind} data-code={current.code} role={current.kind === 'error' ? 'alert' : 'status'}>
          {current.text}
        </p>
      )}
    </div>
  );
}
