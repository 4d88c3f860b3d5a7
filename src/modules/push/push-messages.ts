/** What a member's notification says (Korean) and which page of the app a tap opens. */
export interface MemberNotification {
  /** What it tells, for logs and metrics: reminder, added, penalty-issued, penalty-revoked, payment-confirmed, payment-rejected, absence-reviewed. */
  kind: string;
  title: string;
  body: string;
  /** The app's path to open on a tap. */
  path: string;
  /** Notifications of one tag replace each other on the phone (one per match and subject). */
  tag: string;
  /** Not worth showing after this (a reminder once the match has started). */
  expiresAt?: Date;
}

/** The match a notification is about. */
export interface MatchFacts {
  id: string;
  title: string;
  startsAt: Date;
  address: string;
}

/** The event's columns a notification reads (a Prisma select). */
export const MATCH_FACTS = { id: true, title: true, startsAt: true, address: true } as const;

const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];

/** "12월 6일 (일) 오후 3:00", in the club's time zone (composed here: Node's ICU may lack Korean day periods). */
export function koreanMatchTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const [month, day, year, hour, minute] = (['month', 'day', 'year', 'hour', 'minute'] as const).map((type) => Number(parts.find((p) => p.type === type)!.value));
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const period = hour < 12 ? '오전' : '오후';
  return `${month}월 ${day}일 (${weekday}) ${period} ${hour % 12 || 12}:${String(minute).padStart(2, '0')}`;
}

const matchPath = (match: MatchFacts) => `/matches/${encodeURIComponent(match.id)}`;

const PENALTY_REASONS: Record<string, string> = { ABSENT: '불참', LATE: '지각', UNPAID: '회비 미납', MANUAL: '운영진 부과' };

export function matchReminder(match: MatchFacts, timeZone: string): MemberNotification {
  return {
    kind: 'reminder',
    title: `곧 경기가 있어요: ${match.title}`,
    body: `${koreanMatchTime(match.startsAt, timeZone)} · ${match.address}. 도착하면 앱에서 체크인하세요.`,
    path: matchPath(match),
    tag: `match-${match.id}`,
    expiresAt: match.startsAt,
  };
}

export function addedToMatch(match: MatchFacts, timeZone: string): MemberNotification {
  return {
    kind: 'added',
    title: `경기 명단에 추가되었어요: ${match.title}`,
    body: `${koreanMatchTime(match.startsAt, timeZone)} · ${match.address}`,
    path: matchPath(match),
    tag: `match-${match.id}`,
  };
}

export function penaltyIssued(penalty: { id: string; points: number; reason: string; note: string | null }, match: MatchFacts | null): MemberNotification {
  const why = [PENALTY_REASONS[penalty.reason] ?? penalty.reason, match?.title, penalty.note].filter(Boolean).join(' · ');
  return { kind: 'penalty-issued', title: `벌점 ${penalty.points}점이 부과되었어요`, body: `${why}. 내 기록에서 확인하세요.`, path: '/me', tag: `penalty-${penalty.id}` };
}

/**
 * A revoked penalty: an admin's by hand says the admin's reason; an automatic one was revoked
 * because the match's record changed (or the match was deleted), which is said in Korean.
 */
export function penaltyRevoked(penalty: { id: string; points: number; reason: string; revokeReason: string | null }, match: MatchFacts | null): MemberNotification {
  const what = [PENALTY_REASONS[penalty.reason] ?? penalty.reason, match?.title].filter(Boolean).join(' · ');
  const why = penalty.reason === 'MANUAL' && penalty.revokeReason ? `사유: ${penalty.revokeReason}` : '경기 기록이 바뀌어 다시 계산되었어요.';
  return { kind: 'penalty-revoked', title: `벌점 ${penalty.points}점이 취소되었어요`, body: `${what} · ${why}`, path: '/me', tag: `penalty-${penalty.id}` };
}

export function paymentConfirmed(match: MatchFacts): MemberNotification {
  return { kind: 'payment-confirmed', title: '회비 납부가 확인되었어요', body: match.title, path: matchPath(match), tag: `payment-${match.id}` };
}

export function paymentRejected(match: MatchFacts, reason: string | null): MemberNotification {
  return {
    kind: 'payment-rejected',
    title: '회비 납부가 확인되지 않았어요',
    body: `${match.title}${reason ? ` · 사유: ${reason}` : ''}. 다시 납부한 뒤 알려 주세요.`,
    path: matchPath(match),
    tag: `payment-${match.id}`,
  };
}

export function absenceReviewed(match: MatchFacts, approved: boolean, note: string | null): MemberNotification {
  return {
    kind: 'absence-reviewed',
    title: approved ? '불참 사유가 승인되었어요' : '불참 사유가 반려되었어요',
    body: `${match.title}${note ? ` · ${note}` : ''}`,
    path: matchPath(match),
    tag: `absence-${match.id}`,
  };
}
