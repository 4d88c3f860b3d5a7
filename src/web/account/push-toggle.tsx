import { useClient } from '@urql/preact';
import type { Client } from '@urql/core';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../gql';
import { tellError, tellSuccess } from '../app/notice';
import { apiErrorOf } from '../shared/graphql-client';

const WebPushKeyQuery = graphql(`
  query WebPushKey {
    webPushPublicKey
  }
`);

const RegisterPushMutation = graphql(`
  mutation RegisterPush($input: PushSubscriptionInput!) {
    registerPushSubscription(input: $input)
  }
`);

const UnregisterPushMutation = graphql(`
  mutation UnregisterPush($endpoint: String!) {
    unregisterPushSubscription(endpoint: $endpoint)
  }
`);

type PushState = 'checking' | 'unsupported' | 'blocked' | 'off' | 'on' | 'busy';

const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** This browser's push subscription, if it has one (the service worker the app registers holds it). */
async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

/**
 * Stops this browser's notifications for the member: at sign-out, so that a shared phone does not
 * go on showing the last member's. Best effort: signing out never waits on it failing.
 */
export async function stopPushOnThisDevice(client: Client): Promise<void> {
  if (!pushSupported()) return;
  try {
    const subscription = await currentSubscription();
    if (!subscription) return;
    await client.mutation(UnregisterPushMutation, { endpoint: subscription.endpoint }).toPromise();
    await subscription.unsubscribe();
  } catch {
    // The server forgets a browser whose push service says it is gone.
  }
}

const STATE_TEXT: Record<PushState, string> = {
  checking: '확인하는 중…',
  unsupported: '이 브라우저는 알림을 받을 수 없습니다. 휴대폰에서는 앱을 홈 화면에 추가한 뒤 켜 보세요.',
  blocked: '알림이 차단되어 있습니다. 브라우저 설정에서 이 사이트의 알림을 허용한 뒤 다시 켜세요.',
  off: '꺼져 있습니다.',
  on: '이 기기에서 알림을 받고 있습니다.',
  busy: '바꾸는 중…',
};

/** /account: turn this browser's notifications on or off ([data-testid=push-toggle]). */
export function PushToggle() {
  const client = useClient();
  const [state, setState] = useState<PushState>('checking');

  useEffect(() => {
    if (!pushSupported()) return setState('unsupported');
    if (Notification.permission === 'denied') return setState('blocked');
    currentSubscription().then(
      (subscription) => setState(subscription ? 'on' : 'off'),
      () => setState('unsupported'),
    );
  }, []);

  const turnOn = async () => {
    if ((await Notification.requestPermission()) !== 'granted') return setState('blocked');
    const key = await client.query(WebPushKeyQuery, {}).toPromise();
    if (key.error || !key.data) return tellError(key.error ? apiErrorOf(key.error) : { code: 'NETWORK' });
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key.data.webPushPublicKey });
    const { endpoint, keys } = subscription.toJSON();
    const registered = await client
      .mutation(RegisterPushMutation, { input: { endpoint: endpoint ?? '', p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' } })
      .toPromise();
    if (registered.error) {
      await subscription.unsubscribe();
      return tellError(apiErrorOf(registered.error));
    }
    setState('on');
    tellSuccess('알림을 켰습니다. 경기 알림, 명단 추가, 벌점, 회비 확인, 불참 검토 결과를 알려 드립니다.');
  };

  const turnOff = async () => {
    await stopPushOnThisDevice(client);
    setState('off');
    tellSuccess('이 기기의 알림을 껐습니다.');
  };

  const toggle = async () => {
    const was = state;
    setState('busy');
    try {
      await (was === 'on' ? turnOff() : turnOn());
    } catch {
      tellError({ code: 'PUSH_UNAVAILABLE' }, '알림을 켜지 못했습니다. 잠시 뒤에 다시 시도하세요.');
    }
    setState((now) => (now === 'busy' ? was : now));
  };

  const on = state === 'on';
  return (
    <section class="card" aria-labelledby="push-heading">
      <h2 id="push-heading">알림</h2>
      <p class="muted">경기 두 시간 전 알림, 경기 명단 추가, 벌점 부과와 취소, 회비 확인, 불참 신고 검토 결과를 이 기기로 알려 드립니다.</p>
      <button
        type="button"
        data-testid="push-toggle"
        data-state={state}
        aria-pressed={on}
        disabled={state === 'checking' || state === 'unsupported' || state === 'busy'}
        onClick={toggle}
      >
        {on ? '알림 끄기' : '알림 켜기'}
      </button>
      <p class="muted" role="status">
        {STATE_TEXT[state]}
      </p>
    </section>
  );
}
