import { signal } from '@preact/signals';

/** Whether the phone says it is online; a failed request also counts (the server is unreachable). */
export const online = signal(navigator.onLine);
window.addEventListener('online', () => (online.value = true));
window.addEventListener('offline', () => (online.value = false));
