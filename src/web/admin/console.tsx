// The officers' console (/admin/…): loaded only when an admin opens it, so members never download it.
import { AdminMatchPage } from './match/admin-match-page';
import { ExportButtons } from './export-buttons';
import { ImportPage } from './import/import-page';
import { MatchFormPage } from './match-form/match-form-page';
import { MatchesPage } from './matches/matches-page';
import { MemberPage } from './member/member-page';
import { MembersPage } from './members/members-page';
import { QueuePage } from './queue/queue-page';
import { SeasonsPage } from './seasons/seasons-page';
import { NotFoundPage } from '../not-found/not-found-page';

export { SetupPage } from './setup/setup-page';

function ConsoleRoute({ path }: { path: string }) {
  if (path === '/admin' || path === '/admin/matches') return <MatchesPage />;
  if (path === '/admin/matches/new') return <MatchFormPage />;
  if (path === '/admin/queue') return <QueuePage />;
  if (path === '/admin/members') return <MembersPage />;
  if (path === '/admin/members/import') return <ImportPage />;
  if (path === '/admin/seasons') return <SeasonsPage />;
  const edit = /^\/admin\/matches\/([^/]+)\/edit$/.exec(path);
  if (edit) return <MatchFormPage key={edit[1]} id={decodeURIComponent(edit[1])} />;
  const match = /^\/admin\/matches\/([^/]+)$/.exec(path);
  if (match) return <AdminMatchPage key={match[1]} id={decodeURIComponent(match[1])} />;
  const member = /^\/admin\/members\/([^/]+)$/.exec(path);
  if (member) return <MemberPage key={member[1]} id={decodeURIComponent(member[1])} />;
  return <NotFoundPage />;
}

function ConsoleNav({ path }: { path: string }) {
  const link = (href: string, testId: string, label: string, active: boolean) => (
    <a href={href} data-testid={testId} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="console-nav" aria-label="운영 메뉴">
      {link('/admin/matches', 'nav-admin-matches', '경기', path === '/admin' || path.startsWith('/admin/matches'))}
      {link('/admin/queue', 'nav-admin-queue', '확인 대기', path === '/admin/queue')}
      {link('/admin/members', 'nav-admin-members', '회원', path.startsWith('/admin/members'))}
      {link('/admin/seasons', 'nav-admin-seasons', '시즌·클럽', path === '/admin/seasons')}
      {link('/', 'nav-app', '회원 앱으로', false)}
    </nav>
  );
}

export function AdminConsole({ path }: { path: string }) {
  return (
    <div class="console">
      <ConsoleNav path={path} />
      <ConsoleRoute path={path} />
      <ExportButtons />
    </div>
  );
}
