import type { Clock } from '../../clock/clock';
import type { PenaltyPolicy } from '../../config/config';
import type { PrismaClient } from '../../db/database';
import { ErrorCode, DomainError, badUserInput, notFound } from '../../errors/errors';
import { Prisma, type Event, type Penalty } from '../../generated/prisma/client';
import { rowPerKey } from '../../graphql/batch';
import type { Metrics } from '../../observability/metrics';
import { afterCommit, inTransaction } from '../../db/transactions';
import { validText } from '../../validation/text';
import type { MemberNotifications } from '../push/push.service';
import { MATCH_FACTS, penaltyIssued, penaltyRevoked } from '../push/push-messages';
import type { SeasonWindow } from '../seasons/season-rules';
import { automaticPenaltiesFor, standingOf, type AutomaticReason } from './penalty-rules';
import { penaltyInWindowSql } from './penalty-window';

export interface IssuedPenalty {
  memberId: string;
  reason: AutomaticReason;
  points: number;
}

const AUTOMATIC_REASONS = ['ABSENT', 'LATE', 'UNPAID'] as const;
const MAX_MANUAL_POINTS = 100;
const requiredText = (field: string, value: string) => validText(field, value, { min: 1, max: 500, multiLine: true });

/**
 * The penalty ledger: automatic and manual penalties, revoked with a reason, never erased. The one
 * writer of the penalties table; settlement and events call it inside their own transactions.
 */
export class PenaltyService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: PenaltyPolicy,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly notifications: MemberNotifications,
  ) {}

  /** Each member's active points within a season's window (null: all time), in their order. */
  async activePoints(memberIds: readonly string[], window: SeasonWindow): Promise<number[]> {
    const sums = await this.prisma.$queryRaw<{ memberId: string; points: number }[]>`
      SELECT p.member_id AS "memberId", sum(p.points)::int AS points
        FROM penalties p LEFT JOIN events e ON e.id = p.event_id
       WHERE p.member_id IN (${Prisma.join(memberIds)}) AND p.revoked_at IS NULL ${penaltyInWindowSql(window)}
       GROUP BY p.member_id`;
    return rowPerKey(memberIds, sums, (row) => row.memberId, null).map((row) => row?.points ?? 0);
  }

  /** A member's warnings and standing, from their active points under the club's policy. */
  standingOf(activePoints: number) {
    return standingOf(activePoints, this.policy);
  }

  /** Issues what each participation of a just-settled event earns; inside the settlement's transaction. */
  async issueForSettledEvent(tx: Prisma.TransactionClient, event: Pick<Event, 'id' | 'fee' | 'settledAt'>): Promise<IssuedPenalty[]> {
    const participations = await tx.participation.findMany({
      where: { eventId: event.id },
      select: { memberId: true, attendance: true, payment: true },
    });
    const issued = participations.flatMap((participation) =>
      automaticPenaltiesFor(participation, event.fee, this.policy).map((penalty) => ({ ...penalty, memberId: participation.memberId })),
    );
    if (issued.length > 0) {
      const created = await tx.penalty.createManyAndReturn({
        data: issued.map((penalty) => ({ ...penalty, eventId: event.id, createdAt: event.settledAt ?? this.clock.now() })),
        skipDuplicates: true,
        select: { id: true, memberId: true, points: true, reason: true, note: true },
      });
      this.countIssued(tx, created);
      await this.tell(tx, event.id, { issued: created });
    }
    return issued;
  }

  /** An event's deletion revokes the penalties it produced; they stay in the ledger. */
  async revokeForDeletedEvent(tx: Prisma.TransactionClient, eventId: string): Promise<void> {
    const revoked = await tx.penalty.updateManyAndReturn({
      where: { eventId, revokedAt: null },
      data: { revokedAt: this.clock.now(), revokeReason: 'event deleted' },
    });
    await this.tell(tx, eventId, { revoked });
  }

  async issueManual(adminId: string, input: { memberId: string; points: number; note: string; eventId?: string | null }): Promise<Penalty> {
    if (!Number.isInteger(input.points) || input.points < 1 || input.points > MAX_MANUAL_POINTS) {
      throw badUserInput('points', `points must be a whole number from 1 to ${MAX_MANUAL_POINTS}.`);
    }
    const note = requiredText('note', input.note);
    const member = await this.prisma.member.findUnique({ where: { id: input.memberId }, select: { id: true } });
    if (!member) throw notFound('member');
    // Any id given must name an event, the empty one too (it would otherwise reach the foreign key).
    if (input.eventId !== undefined && input.eventId !== null) {
      const event = await this.prisma.event.findUnique({ where: { id: input.eventId }, select: { id: true } });
      if (!event) throw notFound('event');
    }
    return inTransaction(this.prisma, async (tx) => {
      const penalty = await tx.penalty.create({
        data: {
          memberId: input.memberId,
          eventId: input.eventId ?? null,
          reason: 'MANUAL',
          points: input.points,
          note,
          issuedById: adminId,
          createdAt: this.clock.now(),
        },
      });
      this.countIssued(tx, [penalty]);
      await this.tell(tx, penalty.eventId, { issued: [penalty] });
      return penalty;
    });
  }

  /** One conditional update: of two revocations at once, one wins and the other is ALREADY_REVOKED. */
  async revoke(adminId: string, id: string, reason: string): Promise<Penalty> {
    const revokeReason = requiredText('reason', reason);
    return inTransaction(this.prisma, async (tx) => {
      const { count } = await tx.penalty.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: this.clock.now(), revokeReason, revokedById: adminId },
      });
      const penalty = await tx.penalty.findUnique({ where: { id } });
      if (!penalty) throw notFound('penalty');
      if (count === 0) throw new DomainError(ErrorCode.ALREADY_REVOKED, 'This penalty is revoked already.');
      await this.tell(tx, penalty.eventId, { revoked: [penalty] });
      return penalty;
    });
  }

  /**
   * Brings one member's automatic penalties for a settled event in line with their participation
   * as it is now: what no longer applies is revoked, what now applies is issued. Runs inside the
   * caller's transaction, after the participation changed.
   */
  async reconcileAutomatic(tx: Prisma.TransactionClient, eventId: string, memberId: string, revokeReason: string): Promise<void> {
    const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { fee: true, settledAt: true } });
    if (!event.settledAt) return;
    const participation = await tx.participation.findUnique({ where: { eventId_memberId: { eventId, memberId } } });
    const due = participation ? automaticPenaltiesFor(participation, event.fee, this.policy) : [];
    const active = await tx.penalty.findMany({
      where: { eventId, memberId, revokedAt: null, reason: { in: [...AUTOMATIC_REASONS] } },
    });
    const stale = active.filter((penalty) => !due.some((d) => d.reason === penalty.reason));
    const revoked =
      stale.length > 0
        ? await tx.penalty.updateManyAndReturn({ where: { id: { in: stale.map((penalty) => penalty.id) } }, data: { revokedAt: this.clock.now(), revokeReason } })
        : [];
    const missing = due.filter((d) => !active.some((penalty) => penalty.reason === d.reason));
    const issued =
      missing.length > 0
        ? await tx.penalty.createManyAndReturn({
            data: missing.map((d) => ({ memberId, eventId, reason: d.reason, points: d.points, createdAt: this.clock.now() })),
            skipDuplicates: true,
          })
        : [];
    this.countIssued(tx, issued);
    await this.tell(tx, eventId, { issued, revoked });
  }

  /** The members' browsers hear of penalties issued and revoked, in the same transaction, read at once. */
  private async tell(
    tx: Prisma.TransactionClient,
    eventId: string | null,
    { issued = [], revoked = [] }: { issued?: Pick<Penalty, 'id' | 'memberId' | 'points' | 'reason' | 'note'>[]; revoked?: Penalty[] },
  ): Promise<void> {
    if (issued.length === 0 && revoked.length === 0) return;
    const match = eventId ? await tx.event.findUnique({ where: { id: eventId }, select: MATCH_FACTS }) : null;
    await this.notifications.notifyEach(tx, [
      ...issued.map((penalty) => ({ memberId: penalty.memberId, notification: penaltyIssued(penalty, match) })),
      ...revoked.map((penalty) => ({ memberId: penalty.memberId, notification: penaltyRevoked(penalty, match) })),
    ]);
  }

  /** penalties_issued_total counts the rows written, once their transaction has committed. */
  private countIssued(tx: Prisma.TransactionClient, created: { reason: Penalty['reason'] }[]): void {
    afterCommit(tx, () => {
      for (const penalty of created) this.metrics.penaltiesIssued.inc({ reason: penalty.reason });
    });
  }
}
