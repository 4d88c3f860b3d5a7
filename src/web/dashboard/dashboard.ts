// The admins' dashboard (/dashboard): a season's attendance as charts, one row per member, what waits
// for review, and the exports. Chart.js is bundled with the page (only the parts it draws with).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { TypedDocumentNode } from '@urql/core';
import { graphql, readFragment, type FragmentType } from '../gql';
import type { DashboardMembersQuery, DashboardQuery, MemberStanding } from '../gql/graphql';
import { messageFor, type ApiError } from '../shared/error-messages';
import { apiErrorOf, createGraphQLClient } from '../shared/graphql-client';
import { endSession, session } from '../shared/session';
import { bindSignInForm } from '../shared/sign-in-form';
import './dashboard.css';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

type Standing = MemberStanding;

const MemberFiguresFragment = graphql(`
  fragment MemberFigures on Member {
    id
    loginId
    name
    status
    penaltyPoints(seasonId: $seasonId)
    warningCount(seasonId: $seasonId)
    standing(seasonId: $seasonId)
  }
`);

/** The report's members are those eligible for one of its matches, with their stats. */
const DashboardQueryDocument = graphql(`
  query Dashboard($seasonId: ID) {
    attendanceReport(seasonId: $seasonId) {
      eventCount
      attendanceRate
      participationRate
      events {
        event {
          id
          title
          startsAt
        }
        eligible
        participants
        attended
        late
        absent
        excused
      }
      members {
        member {
          ...MemberFigures
        }
        stats {
          joined
          attended
          late
          absent
          excused
          attendanceRate
        }
      }
    }
    pendingPayments {
      id
    }
    pendingAbsences {
      id
    }
  }
`);

/** Every active member, a page at a time (the query cost limit counts a page's size). */
const DashboardMembersQuery = graphql(`
  query DashboardMembers($seasonId: ID, $after: String) {
    members(first: 100, after: $after, status: ACTIVE) {
      edges {
        node {
          ...MemberFigures
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const DashboardSeasonsQuery = graphql(`
  query DashboardSeasons {
    seasons {
      id
      name
      current
    }
    figuresSeason {
      id
    }
  }
`);

interface MemberFigures {
  id: string;
  loginId: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  penaltyPoints: number;
  warningCount: number;
  standing: Standing;
}

type Stats = DashboardQuery['attendanceReport']['members'][number]['stats'];
type EventRow = DashboardQuery['attendanceReport']['events'][number];

interface MemberRow extends MemberFigures {
  stats: Stats;
}

function figuresOf(member: FragmentType<typeof MemberFiguresFragment>): MemberFigures {
  const figures = readFragment(MemberFiguresFragment, member);
  return { ...figures, penaltyPoints: figures.penaltyPoints ?? 0, warningCount: figures.warningCount ?? 0, standing: figures.standing ?? 'GOOD' };
}

/** A member eligible for none of the season's settled matches has joined none of them. */
const NO_MATCHES: Stats = { joined: 0, attended: 0, late: 0, absent: 0, excused: 0, attendanceRate: 0 };

const STANDING_LABELS: Record<Standing, string> = { GOOD: '양호', WARNED: '경고', EXPULSION_THRESHOLD: '제명 기준 도달' };
const STANDING_RANK: Record<Standing, number> = { GOOD: 0, WARNED: 1, EXPULSION_THRESHOLD: 2 };

type SortKey = 'name' | 'points' | 'warnings' | 'standing' | 'attended' | 'late' | 'absent' | 'excused' | 'rate';
const SORT_VALUES: Record<SortKey, (row: MemberRow) => number | string> = {
  name: (row) => row.name,
  points: (row) => row.penaltyPoints,
  warnings: (row) => row.warningCount,
  standing: (row) => STANDING_RANK[row.standing],
  attended: (row) => row.stats.attended,
  late: (row) => row.stats.late,
  absent: (row) => row.stats.absent,
  excused: (row) => row.stats.excused,
  rate: (row) => row.stats.attendanceRate,
};

const COLORS = { attended: '#2e7d32', late: '#f9a825', absent: '#c62828', excused: '#90a4ae', rate: '#1f6feb', cumulative: '#7b1fa2' };

function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`missing ${selector}`);
  return found;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** "11/29 정기전": the start's date as the club reads it (the API's times carry the club's offset). */
function eventLabel(row: EventRow): string {
  const [, month, day] = row.event.startsAt.slice(0, 10).split('-');
  return `${Number(month)}/${Number(day)} ${row.event.title}`;
}

class Dashboard {
  private client = createGraphQLClient();
  private signedIn = false;
  private seasonId: string | null = null;
  private rows: MemberRow[] = [];
  private sort: { key: SortKey; descending: boolean } = { key: 'points', descending: true };
  private charts: Chart[] = [];
  /** A newer load makes an older one's answer stale (the season was switched meanwhile). */
  private loadNumber = 0;

  start(): void {
    bindSignInForm(element('#sign-in-form'), element('#sign-in-message'));
    element('#sign-out').addEventListener('click', () => endSession('SIGNED_OUT'));
    element<HTMLSelectElement>('#season').addEventListener('change', (event) => {
      this.seasonId = (event.target as HTMLSelectElement).value || null;
      void this.load();
    });
    for (const header of document.querySelectorAll<HTMLElement>('#members th[data-sort]')) {
      header.querySelector('button')?.addEventListener('click', () => this.sortBy(header.dataset.sort as SortKey));
    }
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
      button.addEventListener('click', () => void this.download(button.dataset.export!));
    }
    // The shared session decides: signed in here, on the app or in another tab, or out.
    session.subscribe((current) => {
      if (current && current.member.role === 'ADMIN') this.showSignedIn();
      else if (current) {
        // A member's session is not used here: this page shows them nothing.
        this.notice(`${current.member.name}님, 이 페이지는 운영진(관리자) 전용입니다. 회원 기능은 클럽 앱(/)을 이용하세요.`);
        this.showSignedOut();
      } else if (this.signedIn) this.signOut();
      else this.showSignedOut();
    });
  }

  private notice(text: string | null): void {
    const notice = element('#notice');
    notice.textContent = text ?? '';
    notice.hidden = !text;
  }

  private showSignedOut(): void {
    element('#sign-in').hidden = false;
    element('#figures').hidden = true;
    element('#account').hidden = true;
    element<HTMLInputElement>('#sign-in-form input[name="loginId"]').focus();
  }

  private showSignedIn(): void {
    if (this.signedIn) return;
    this.signedIn = true;
    this.client = createGraphQLClient();
    this.notice(null);
    element('#account-name').textContent = `${session.value!.member.name} (${session.value!.member.loginId})`;
    element('#account').hidden = false;
    element('#sign-in').hidden = true;
    element('#figures').hidden = false;
    void this.loadSeasons();
  }

  /** Signed out here or anywhere else: nothing of the figures stays on the page. */
  private signOut(): void {
    this.signedIn = false;
    this.loadNumber += 1;
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    this.rows = [];
    element('#members tbody').replaceChildren();
    this.notice(null);
    this.showSignedOut();
  }

  /** A GraphQL query as the signed-in admin; an expired or revoked token ends the shared session. */
  private async query<Data, Variables extends object>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data | null> {
    if (!this.signedIn) return null;
    const result = await this.client.query(document, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      const error: ApiError = result.error ? apiErrorOf(result.error) : { code: 'NETWORK' };
      if (error.code !== 'UNAUTHENTICATED') this.notice(messageFor(error));
      return null;
    }
    return result.data;
  }

  private async loadSeasons(): Promise<void> {
    const data = await this.query(DashboardSeasonsQuery, {});
    if (!data) return;
    const select = element<HTMLSelectElement>('#season');
    const options = data.seasons.map((season) => new Option(season.current ? `${season.name} (현재)` : season.name, season.id));
    // With no season to count in (none yet begun), figures are counted over all time (api-rules.md, "Seasons").
    if (!data.figuresSeason) options.unshift(new Option('전체 기간', ''));
    select.replaceChildren(...options);
    this.seasonId = data.figuresSeason?.id ?? null;
    select.value = this.seasonId ?? '';
    await this.load();
  }

  private async load(): Promise<void> {
    const loadNumber = ++this.loadNumber;
    const loading = element('#loading');
    loading.hidden = false;
    try {
      const seasonId = this.seasonId;
      const [data, active] = await Promise.all([this.query(DashboardQueryDocument, { seasonId }), this.activeMembers(seasonId)]);
      if (!data || !active || loadNumber !== this.loadNumber) return;
      // Members who have left since still count in the season they played in.
      const rows = new Map<string, MemberRow>(data.attendanceReport.members.map(({ member, stats }) => [figuresOf(member).id, { ...figuresOf(member), stats }]));
      for (const member of active) if (!rows.has(member.id)) rows.set(member.id, { ...member, stats: NO_MATCHES });
      this.rows = [...rows.values()];
      this.notice(null);
      this.render(data);
    } finally {
      if (loadNumber === this.loadNumber) loading.hidden = true;
    }
  }

  private async activeMembers(seasonId: string | null): Promise<MemberFigures[] | null> {
    const members: MemberFigures[] = [];
    let after: string | null = null;
    for (;;) {
      const page: DashboardMembersQuery | null = await this.query(DashboardMembersQuery, { seasonId, after });
      if (!page) return null;
      members.push(...page.members.edges.map((edge) => figuresOf(edge.node)));
      if (!page.members.pageInfo.hasNextPage) return members;
      after = page.members.pageInfo.endCursor;
    }
  }

  private render(data: DashboardQuery): void {
    const report = data.attendanceReport;
    element('#event-count').textContent = String(report.eventCount);
    element('#attendance-rate').textContent = percent(report.attendanceRate);
    element('#participation-rate').textContent = percent(report.participationRate);
    element('[data-testid="pending-payments"]').textContent = String(data.pendingPayments.length);
    element('[data-testid="pending-absences"]').textContent = String(data.pendingAbsences.length);
    element('#no-events').hidden = report.events.length > 0;
    this.drawCharts(report.events);
    this.renderRows();
  }

  private drawCharts(events: EventRow[]): void {
    for (const chart of this.charts) chart.destroy();
    const labels = events.map(eventLabel);
    const bar = (label: string, key: 'attended' | 'late' | 'absent' | 'excused') => ({
      label,
      data: events.map((row) => row[key]),
      backgroundColor: COLORS[key],
      stack: 'attendance',
    });
    let participants = 0;
    let eligible = 0;
    const cumulative = events.map((row) => {
      participants += row.participants;
      eligible += row.eligible;
      return eligible === 0 ? 0 : (participants / eligible) * 100;
    });
    const common = { responsive: true, maintainAspectRatio: false, animation: false as const };
    this.charts = [
      new Chart(element<HTMLCanvasElement>('[data-testid="attendance-by-event"]'), {
        type: 'bar',
        data: { labels, datasets: [bar('출석', 'attended'), bar('지각', 'late'), bar('결석', 'absent'), bar('공결', 'excused')] },
        options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
      }),
      new Chart(element<HTMLCanvasElement>('[data-testid="participation-over-time"]'), {
        type: 'line',
        data: {
          labels,
          datasets: [
            { label: '경기별 참여율', data: events.map((row) => (row.eligible === 0 ? 0 : (row.participants / row.eligible) * 100)), borderColor: COLORS.rate, backgroundColor: COLORS.rate },
            { label: '누적 참여율', data: cumulative, borderColor: COLORS.cumulative, backgroundColor: COLORS.cumulative, borderDash: [6, 4] },
          ],
        },
        options: { ...common, scales: { y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } } } },
      }),
    ];
    this.describeCharts();
  }

  /**
   * Each chart's figures as a table inside its canvas: what screen readers read (the drawing says
   * nothing to them), and what a test can check the chart against.
   */
  private describeCharts(): void {
    for (const chart of this.charts) {
      const canvas = chart.canvas;
      const table = document.createElement('table');
      table.createCaption().textContent = canvas.dataset.caption ?? '';
      const head = table.createTHead().insertRow();
      for (const title of ['경기', ...chart.data.datasets.map((dataset) => dataset.label ?? '')]) head.append(Object.assign(document.createElement('th'), { textContent: title }));
      const body = table.createTBody();
      for (const [index, label] of (chart.data.labels ?? []).entries()) {
        const row = body.insertRow();
        row.insertCell().textContent = String(label);
        for (const dataset of chart.data.datasets) row.insertCell().textContent = String(dataset.data[index]);
      }
      canvas.replaceChildren(table);
    }
  }

  private sortBy(key: SortKey): void {
    this.sort = this.sort.key === key ? { key, descending: !this.sort.descending } : { key, descending: key !== 'name' };
    this.renderRows();
  }

  private renderRows(): void {
    const { key, descending } = this.sort;
    const value = SORT_VALUES[key];
    const rows = [...this.rows].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = typeof x === 'string' ? x.localeCompare(String(y), 'ko') : x - (y as number);
      return (descending ? -order : order) || a.name.localeCompare(b.name, 'ko');
    });
    for (const header of document.querySelectorAll<HTMLElement>('#members th[data-sort]')) {
      if (header.dataset.sort === key) header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else header.removeAttribute('aria-sort');
    }
    element('#member-count').textContent = `${rows.length}명`;
    element('#members tbody').replaceChildren(...rows.map((row) => this.rowOf(row)));
  }

  private rowOf(row: MemberRow): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'member-row';
    tr.dataset.memberId = row.id;
    if (row.standing === 'EXPULSION_THRESHOLD') tr.classList.add('at-threshold');
    const cell = (text: string, numeric = true) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (numeric) td.className = 'number';
      return td;
    };
    const name = cell(row.name, false);
    const loginId = document.createElement('div');
    loginId.className = 'login-id';
    loginId.textContent = row.status === 'INACTIVE' ? `${row.loginId} · 비활성` : row.loginId;
    name.append(loginId);
    const standing = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = `standing-badge standing-${row.standing}`;
    badge.textContent = STANDING_LABELS[row.standing];
    standing.append(badge);
    tr.append(
      name,
      cell(String(row.penaltyPoints)),
      cell(String(row.warningCount)),
      standing,
      cell(String(row.stats.attended)),
      cell(String(row.stats.late)),
      cell(String(row.stats.absent)),
      cell(String(row.stats.excused)),
      cell(row.stats.joined === 0 ? '–' : percent(row.stats.attendanceRate)),
    );
    return tr;
  }

  /** The exports want the Authorization header, which a plain link cannot send: fetched, then saved. */
  private async download(name: string): Promise<void> {
    const message = element('#export-message');
    message.textContent = '';
    const token = session.value?.token;
    if (!this.signedIn || !token) return;
    const query = this.seasonId ? `?seasonId=${encodeURIComponent(this.seasonId)}` : '';
    let response: Response;
    try {
      response = await fetch(`/exports/${name}.csv${query}`, { headers: { authorization: `Bearer ${token}` } });
    } catch {
      message.textContent = '서버에 연결하지 못했습니다.';
      return;
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { errors?: { extensions?: ApiError }[] } | null;
      const error: ApiError = body?.errors?.[0]?.extensions ?? { code: 'INTERNAL_SERVER_ERROR' };
      if (error.code === 'UNAUTHENTICATED') endSession('EXPIRED');
      else message.textContent = messageFor(error);
      return;
    }
    const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `pitchside-${name}.csv`;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

new Dashboard().start();
