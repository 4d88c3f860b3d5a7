import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../gql';
import { useAction } from '../app/actions';
import { tellError, tellSuccess } from '../app/notice';
import { keptData } from '../shared/session';

const HasCalendarFeedQuery = graphql(`
  query HasCalendarFeed {
    hasCalendarFeed
  }
`);

const CreateCalendarFeedMutation = graphql(`
  mutation CreateCalendarFeed {
    createCalendarFeed {
      url
    }
  }
`);

/** The server shows a feed's URL once, when it makes it: this device keeps it (until sign-out). */
const keptUrl = keptData<string>('calendar-url');

/**
 * The member's private calendar URL. A member without one gets one on their first visit; one made
 * on another device cannot be shown again, only replaced (which stops the old one).
 */
export function CalendarLink() {
  const [url, setUrl] = useState(keptUrl.read());
  const [has] = useQuery({ query: HasCalendarFeedQuery, pause: url !== null });
  const create = useAction(CreateCalendarFeedMutation);

  const make = async () => {
    const data = await create.run({});
    if (!data) return;
    keptUrl.write(data.createCalendarFeed.url);
    setUrl(data.createCalendarFeed.url);
  };

  useEffect(() => {
    if (url === null && has.data?.hasCalendarFeed === false) void make();
  }, [has.data?.hasCalendarFeed]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url ?? '');
      tellSuccess('캘린더 주소를 복사했습니다. 휴대폰 캘린더 앱의 "구독 추가"에 붙여 넣으세요.');
    } catch {
      tellError({ code: 'CLIPBOARD_UNAVAILABLE' }, '복사하지 못했습니다. 주소를 길게 눌러 직접 복사하세요.');
    }
  };

  return (
    <section class="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">내 경기 캘린더</h2>
      <p class="muted">이 주소를 휴대폰 캘린더에 구독하면 내 경기가 자동으로 들어옵니다. 주소는 나만 알고 있어야 합니다.</p>
      {url ? (
        <>
          <p class="calendar-url">
            <a data-testid="calendar-link" href={url}>
              {url}
            </a>
          </p>
          <div class="actions">
            <button type="button" data-testid="calendar-copy" onClick={copy}>
              주소 복사
            </button>
            <button type="button" onClick={make} disabled={create.busy}>
              새 주소 만들기(이전 주소는 멈춤)
            </button>
          </div>
        </>
      ) : has.data?.hasCalendarFeed ? (
        <>
          <p>다른 기기에서 만든 주소가 있습니다. 보안상 다시 보여 줄 수 없어, 새 주소를 만들면 이전 주소는 멈춥니다.</p>
          <button type="button" onClick={make} disabled={create.busy}>
            새 주소 만들기
          </button>
        </>
      ) : (
        <p class="muted">불러오는 중…</p>
      )}
    </section>
  );
}
