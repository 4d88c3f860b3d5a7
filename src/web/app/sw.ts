// The members' app's service worker (/sw.js, scope /): keeps the app's own files so that it opens
// offline, and shows the club's push notifications. It never keeps a GraphQL answer, nor anything
// else of the member: their last home is kept by the page (localStorage), which sign-out clears.

/** Written in by the build: the app's files (hashed names) and an id that changes with them. */
declare const PRECACHE_FILES: string[];
declare const BUILD_ID: string;

interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(answer: Promise<Response> | Response): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification;
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
  };
  registration: { showNotification(title: string, options: NotificationOptions & { data?: unknown }): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
}

/** What the server sends (src/modules/push/push-messages.ts). */
interface ClubNotification {
  title: string;
  body: string;
  path: string;
  tag: string;
}

const worker = self as unknown as WorkerScope;
const CACHE = `pitchside-app-${BUILD_ID}`;
/** Any route of the app is the same page: its copy answers every navigation made offline. */
const SHELL = '/';

/** Pages and data the server answers itself: never kept, never answered from here. */
const NOT_THE_APP = /^\/(graphql|dashboard|playground|exports|calendar|metrics|healthz|readyz)(\/|$)/;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...PRECACHE_FILES]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('pitchside-app-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || NOT_THE_APP.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // The network first, so that a new version shows at once; the kept page when it cannot answer.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error()),
    );
    return;
  }
  if (PRECACHE_FILES.includes(url.pathname)) {
    // Hashed names never change content: the kept copy is the file.
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((kept) => kept ?? fetch(request)));
  }
});

worker.addEventListener('push', (event) => {
  const notification = event.data?.json() as ClubNotification | undefined;
  if (!notification) return;
  event.waitUntil(
    worker.registration.showNotification(notification.title, {
      body: notification.body,
      tag: notification.tag,
      lang: 'ko',
      icon: '/icons/icon-192.png',
      data: { path: notification.path },
    }),
  );
});

/** A tap opens the notification's page: in a window of the app already open, or a new one. */
worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data as { path?: string } | null)?.path ?? '/';
  // Only a path of this app: a notification never sends the member elsewhere.
  const target = new URL(path.startsWith('/') && !path.startsWith('//') ? path : '/', worker.location.origin).href;
  event.waitUntil(
    worker.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((client) => new URL(client.url).origin === worker.location.origin);
      // A window of the app goes to the page (one this worker does not control yet cannot: a new one opens).
      const shown = open ? await open.navigate(target).catch(() => null) : null;
      if (!shown) return void (await worker.clients.openWindow(target));
      await shown.focus().catch(() => undefined);
    }),
  );
});
