import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import { notAParticipant, notFound } from '../../errors/errors';
import type { Participation, Prisma } from '../../generated/prisma/client';
import { missingParticipationError, validateNote, type ParticipationService } from '../participations/participation.service';
import type { PenaltyService } from '../penalties/penalty.service';
import type { MemberNotifications } from '../push/push.service';
import { paymentConfirmed, paymentRejected } from '../push/push-messages';
import { initialPayment, PAYMENT_MOVES, refusedPaymentMove, type PaymentMove } from './payment-rules';
import { inTransaction } from '../../db/transactions';

/**
 * Members say they paid an event's dues; admins confirm or reject it. The one writer of a
 * participation's payment once it exists.
 */
export class DuesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly participations: ParticipationService,
    private readonly penalties: PenaltyService,
    private readonly notifications: MemberNotifications,
    private readonly clock: Clock,
  ) {}

  async requestConfirmation(memberId: string, eventId: string): Promise<Participation> {
    const participation = await this.prisma.participation.findUnique({ where: { eventId_memberId: { eventId, memberId } } });
    if (!participation) {
      throw await missingParticipationError(this.prisma, eventId, notAParticipant);
    }
    return this.move(participation, 'request', { paymentRequestedAt: this.clock.now(), paymentRejectReason: null });
  }

  async confirm(eventId: string, memberId: string): Promise<Participation> {
    const participation = await this.participations.get(eventId, memberId);
    return this.move(participation, 'confirm', { paymentConfirmedAt: this.clock.now() }, (tx) =>
      this.notifications.notifyAboutMatch(tx, [memberId], eventId, paymentConfirmed),
    );
  }

  async reject(eventId: string, memberId: string, reason: string | null | undefined): Promise<Participation> {
    const paymentRejectReason = validateNote('reason', reason);
    const participation = await this.participations.get(eventId, memberId);
    return this.move(participation, 'reject', { paymentRequestedAt: null, paymentRejectReason }, async (tx) => {
      await this.notifications.notifyAboutMatch(tx, [memberId], eventId, (match) => paymentRejected(match, paymentRejectReason));
      // After settlement an UNPAID penalty may now apply.
      await this.penalties.reconcileAutomatic(tx, eventId, memberId, 'payment claim rejected');
    });
  }

  /**
   * When an event's fee moves between free and paid, its participants' payments follow: nothing is
   * owed for a free event, and a paid one starts UNPAID. Inside the event update's transaction.
   */
  async followFeeChange(tx: Prisma.TransactionClient, eventId: string, oldFee: number, newFee: number): Promise<void> {
    if ((oldFee === 0) === (newFee === 0)) return;
    await tx.participation.updateMany({
      where: { eventId, payment: newFee === 0 ? { in: ['UNPAID', 'AWAITING_CONFIRMATION'] } : 'NOT_REQUIRED' },
      data: newFee === 0 ? { payment: 'NOT_REQUIRED', paymentRequestedAt: null } : { payment: initialPayment(newFee) },
    });
  }

  /** Claims awaiting an admin, oldest first, of one event or of all. */
  async pending(eventId: string | null | undefined): Promise<Participation[]> {
    if (eventId) {
      const event = await this.prisma.event.findUnique({ where: { id: eventId }, select: { id: true } });
      if (!event) throw notFound('event');
    }
    return this.prisma.participation.findMany({
      where: { payment: 'AWAITING_CONFIRMATION', ...(eventId ? { eventId } : {}) },
      orderBy: [{ paymentRequestedAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * One conditional update: of two admins confirming at once, one moves the state and one is
   * refused. `after` runs in the same transaction when the move happened.
   */
  private async move(
    participation: Participation,
    move: PaymentMove,
    data: Prisma.ParticipationUpdateManyMutationInput,
    after?: (tx: Prisma.TransactionClient) => Promise<void>,
  ) {
    const { from, to } = PAYMENT_MOVES[move];
    return inTransaction(this.prisma, async (tx) => {
      const { count } = await tx.participation.updateMany({
        where: { id: participation.id, payment: from },
        data: { ...data, payment: to },
      });
      const current = await tx.participation.findUniqueOrThrow({ where: { id: participation.id } });
      if (count === 0) throw refusedPaymentMove(move, current.payment);
      await after?.(tx);
      return current;
    });
  }
}
