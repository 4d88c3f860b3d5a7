import { createHmac } from 'node:crypto';
import { resolveJwtSecret } from './auth/jwt-secret';
import { requestViewer, viewerOfToken } from './auth/request-viewer';
import { TokenService } from './auth/tokens';
import type { Clock } from './clock/clock';
import type { Config } from './config/config';
import type { Database } from './db/database';
import { createGeocoder } from './geo/create-geocoder';
import type { Logger } from './logging/logger';
import { AbsenceDeadline } from './modules/absences/absence-rules';
import { AbsenceService } from './modules/absences/absence.service';
import { AuthService } from './modules/auth/auth.service';
import { BackupSchedule } from './modules/backups/backup-schedule';
import { LoginThrottle } from './modules/auth/login-throttle';
import { PasswordResets } from './modules/auth/password-resets';
import { AuthRateLimiter } from './modules/auth/rate-limiter';
import { ClubSettingsService } from './modules/club/club-settings.service';
import { ClubSetup } from './modules/club/club-setup';
import { CalendarService } from './modules/calendar/calendar.service';
import { CheckInService } from './modules/check-in/check-in.service';
import { DuesService } from './modules/dues/dues.service';
import { ExportService } from './modules/exports/export.service';
import { EventService } from './modules/events/event.service';
import { MemberCache } from './modules/members/member-cache';
import { MemberService } from './modules/members/member.service';
import { OutboxService } from './modules/notifications/outbox.service';
import { OutboxDispatcher } from './modules/notifications/outbox-dispatcher';
import { WebhookDispatcher } from './modules/notifications/webhook-dispatcher';
import { ParticipationFeed } from './modules/live/participation-feed';
import { ParticipationService } from './modules/participations/participation.service';
import { PenaltyService } from './modules/penalties/penalty.service';
import { PushChannel } from './modules/push/push-channel';
import { PushService } from './modules/push/push.service';
import { ReportService } from './modules/reports/report.service';
import { ReminderTiming } from './modules/reminders/reminder-rules';
import { ReminderScheduler } from './modules/reminders/reminder-scheduler';
import { noReminders } from './modules/reminders/reminder-triggers';
import { ReminderService } from './modules/reminders/reminder.service';
import { RetentionSweep } from './modules/retention/retention-sweep';
import { SeasonService } from './modules/seasons/season.service';
import { SettlementScheduler } from './modules/settlement/settlement-scheduler';
import { SettlementService } from './modules/settlement/settlement.service';
import type { Metrics } from './observability/metrics';

/** What every service may be built from. */
export interface Core {
  config: Config;
  clock: Clock;
  logger: Logger;
  database: Database;
  metrics: Metrics;
}

/**
 * The app's services, each built once, wired to what it depends on. The graph has no cycles: the
 * events service tells settlement and reminders about its events through the small
 * SettlementTriggers and ReminderTriggers interfaces.
 */
export function createServices({ config, clock, logger, database, metrics }: Core) {
  const { prisma, read } = database;
  const jwtSecret = resolveJwtSecret(config);
  const tokens = new TokenService(
    { secret: jwtSecret, issuer: config.jwtIssuer, audience: config.jwtAudience, ttlSeconds: config.jwtTtlSeconds },
    clock,
  );
  const members = new MemberService(prisma, read);
  const clubSettings = new ClubSettingsService(prisma, { name: config.clubName, joinCode: config.signupCode ?? null }, clock);
  const memberCache = new MemberCache(database, (memberId) => members.findById(memberId));
  const authRateLimiter = new AuthRateLimiter(prisma, config.authRateLimitPerMinute, clock);
  const auth = new AuthService(
    prisma,
    members,
    tokens,
    new LoginThrottle(prisma, read, { maxFailures: config.loginMaxFailures, windowMinutes: config.loginFailureWindowMinutes }, clock),
    authRateLimiter,
    // Reset codes are keyed by a secret of their own, derived from the JWT secret, never stored in the database.
    new PasswordResets(createHmac('sha256', jwtSecret).update('pitchside password reset codes').digest(), config.passwordResetTtlHours, clock),
    async () => (await clubSettings.current()).joinCode,
  );
  // Setup codes are keyed like reset codes, by a secret of their own the database does not hold.
  const clubSetup = new ClubSetup(prisma, members, clubSettings, tokens, authRateLimiter, createHmac('sha256', jwtSecret).update('pitchside setup codes').digest(), clock);
  const outbox = new OutboxService(prisma);
  // Members' browsers hear of what concerns them (src/modules/push); the services below tell it in their transactions.
  const push = new PushService(prisma, outbox, config.webPush, config.timeZone, clock);
  const penalties = new PenaltyService(prisma, config.penalties, clock, metrics, push);
  const participations = new ParticipationService(prisma, penalties, push, clock);
  const dues = new DuesService(prisma, participations, penalties, push, clock);
  const seasons = new SeasonService(prisma, clock);
  // webhook_notices and its alert are the club webhook's; push deliveries have push_deliveries_total.
  metrics.observeNotices(() => outbox.countByState('webhook'));
  const { webhookUrl } = config.settlement;
  // Without a webhook no notice is written: there would be nobody to deliver it to.
  const notices = webhookUrl ? new WebhookDispatcher(outbox, { ...config.settlement, webhookUrl }, logger, metrics) : undefined;
  const settlement = new SettlementService(prisma, participations, penalties, clock, logger, notices, metrics, config.timeZone);
  metrics.observeOverdueSettlements(() => settlement.countOverdue());
  metrics.observeDatabase({
    reachable: () => prisma.$queryRaw`SELECT 1`.then(() => true, () => false),
    pool: () => database.poolStats(),
  });
  const scheduler = new SettlementScheduler(settlement, prisma, clock, logger, config.settlement.sweepIntervalMs);
  // Reminders go to the club webhook, if any, and to participants' browsers; MATCH_REMINDER_MINUTES=0: none.
  const reminders =
    config.matchReminderMinutes > 0
      ? new ReminderScheduler(
          new ReminderService(prisma, outbox, notices, push, new ReminderTiming(config.matchReminderMinutes), clock, logger, config.timeZone),
          clock,
          logger,
          config.settlement.sweepIntervalMs,
        )
      : undefined;
  const reports = new ReportService(prisma, seasons);
  const checkIns = new CheckInService(prisma, participations, config.checkIn, clock);
  const retention = new RetentionSweep(
    {
      login_attempts: (cutoff) => auth.forgetLoginAttemptsBefore(cutoff),
      rate_limit_windows: (cutoff) => auth.forgetRateLimitWindowsBefore(cutoff),
      check_in_attempts: (cutoff) => checkIns.forgetAttemptsBefore(cutoff),
      outbox_messages: (cutoff) => outbox.forgetDeliveredBefore(cutoff),
    },
    config.retentionDays,
    clock,
    logger,
  );
  const viewerOfTokenNow = viewerOfToken(tokens, (memberId) => memberCache.get(memberId));
  return {
    tokens,
    memberCache,
    viewerOfToken: viewerOfTokenNow,
    viewerOf: requestViewer(viewerOfTokenNow),
    members,
    auth,
    penalties,
    participations,
    dues,
    outbox,
    notices,
    settlement,
    scheduler,
    reminders,
    absences: new AbsenceService(prisma, participations, penalties, push, new AbsenceDeadline(config.absenceNoticeDeadlineMinutes), clock),
    events: new EventService(prisma, read, createGeocoder(config.geocoder, metrics), dues, penalties, logger, scheduler, reminders ?? noReminders),
    checkIns,
    push,
    pushDelivery: new OutboxDispatcher(outbox, new PushChannel(push, logger, metrics), logger, { database, notifyChannel: 'outbox_push_due' }),
    participationFeed: new ParticipationFeed(database, participations, logger, metrics),
    seasons,
    reports,
    exports: new ExportService(prisma, seasons, reports, penalties, clock, config.timeZone),
    calendars: new CalendarService(prisma, members, config.publicUrl, clock),
    retention,
    backups: config.backups && new BackupSchedule(database, config.backups, clock, logger),
    clubSettings,
    clubSetup,
  };
}

export type Services = ReturnType<typeof createServices>;
