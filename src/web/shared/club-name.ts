import { signal } from '@preact/signals';

/** The club's name: as the server wrote it into the page, and as set up since. */
export const clubName = signal(document.querySelector<HTMLMetaElement>('meta[name="application-name"]')?.content ?? 'pitchside');
