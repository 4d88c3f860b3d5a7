import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import { isUniqueViolation } from '../../db/prisma-errors';
import { DomainError, ErrorCode, notAParticipant, notFound } from '../../errors/errors';
import type { AbsenceNotice, Participation } from '../../generated/prisma/client';
import { rowPerKey } from '../../graphql/batch';
import { missingParticipationError, validateNote, type ParticipationService } from '../participations/participation.service';
import type { PenaltyService } from '../penalties/penalty.service';
import type { MemberNotifications } from '../push/push.service';
import { absenceReviewed } from '../push/push-messages';
import { CHECKED_IN } from '../check-in/check-in-rules';
import { EXCUSABLE_ON_APPROVAL, validateAbsenceReason, type AbsenceDeadline } from './absence-rules';
import { inTransaction } from '../../db/transactions';

const alreadySubmitted = () =>
  new DomainError(ErrorCode.ABSENCE_ALREADY_SUBMITTED, 'You have given a notice for this event already.');
const noPendingAbsence = () => new DomainError(ErrorCode.NO_PENDING_ABSENCE, 'There is no PENDING absence notice for this participation.');

/** Absence notices: the one writer of the absence_notices table. */
export class AbsenceService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly participations: ParticipationService,
    private readonly penalties: PenaltyService,
    private readonly notifications: MemberNotifications,
    private readonly deadline: AbsenceDeadline,
    private readonly clock: Clock,
  ) {}

  /** When notices for an event starting at `startsAt` close. */
  deadlineFor(startsAt: Date): Date {
    return this.deadline.closesAt(startsAt);
  }

  /**
   * The participant says they will miss the event. One notice per participation (the primary key
   * decides racing submissions); refused once they checked in, and after the deadline.
   */
  async submit(memberId: string, eventId: string, reason: string): Promise<Participation> {
    const text = validateAbsenceReason(reason);
    const participation = await this.prisma.participation.findUnique({
      where: { eventId_memberId: { eventId, memberId } },
      include: { event: { select: { startsAt: true } }, absenceNotice: { select: { status: true } } },
    });
    if (!participation) throw await missingParticipationError(this.prisma, eventId, notAParticipant);
    if (CHECKED_IN.includes(participation.attendance)) {
      throw new DomainError(ErrorCode.ALREADY_CHECKED_IN, 'You have checked in to this event already.');
    }
    if (participation.absenceNotice) throw alreadySubmitted();
    const now = this.clock.now();
    this.deadline.assertOpen(participation.event.startsAt, now);
    try {
      await this.prisma.absenceNotice.create({ data: { participationId: participation.id, reason: text, submittedAt: now } });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadySubmitted();
      throw error;
    }
    const { event: _event, absenceNotice: _notice, ...row } = participation;
    return row;
  }

  /** The participant takes back their notice while nobody has reviewed it; it is gone, and another may be given. */
  async withdraw(memberId: string, eventId: string): Promise<Participation> {
    const participation = await this.prisma.participation.findUnique({ where: { eventId_memberId: { eventId, memberId } } });
    if (!participation) throw await missingParticipationError(this.prisma, eventId, notAParticipant);
    const { count } = await this.prisma.absenceNotice.deleteMany({ where: { participationId: participation.id, status: 'PENDING' } });
    if (count === 0) throw noPendingAbsence();
    return participation;
  }

  /**
   * An admin approves (the member is EXCUSED, and after settlement their automatic penalties for
   * the event follow) or declines (nothing else changes). Conditional on PENDING: of two admins
   * reviewing at once, one decides and the other is told there is nothing pending.
   */
  async review(reviewerId: string, eventId: string, memberId: string, approve: boolean, note: string | null | undefined) {
    const reviewNote = validateNote('note', note);
    const participation = await this.participations.get(eventId, memberId);
    return inTransaction(this.prisma, async (tx) => {
      const { count } = await tx.absenceNotice.updateMany({
        where: { participationId: participation.id, status: 'PENDING' },
        data: { status: approve ? 'APPROVED' : 'DECLINED', reviewedAt: this.clock.now(), reviewNote, reviewedById: reviewerId },
      });
      if (count === 0) throw noPendingAbsence();
      await this.notifications.notifyAboutMatch(tx, [memberId], eventId, (match) => absenceReviewed(match, approve, reviewNote));
      if (approve) {
        await this.participations.changeAttendance(
          tx,
          { eventId, memberId, from: EXCUSABLE_ON_APPROVAL },
          { attendance: 'EXCUSED', checkedInAt: null, checkInDistanceMeters: null },
        );
        await this.penalties.reconcileAutomatic(tx, eventId, memberId, 'absence notice approved');
      }
      return tx.participation.findUniqueOrThrow({ where: { id: participation.id } });
    });
  }

  /** Participations with a PENDING notice, of one event (NOT_FOUND when there is none) or of all, oldest notice first. */
  async pending(eventId: string | null | undefined): Promise<Participation[]> {
    if (eventId && !(await this.prisma.event.findUnique({ where: { id: eventId }, select: { id: true } }))) throw notFound('event');
    const notices = await this.prisma.absenceNotice.findMany({
      where: { status: 'PENDING', ...(eventId ? { participation: { eventId } } : {}) },
      orderBy: [{ submittedAt: 'asc' }, { participationId: 'asc' }],
      include: { participation: true },
    });
    return notices.map((notice) => notice.participation);
  }

  /** The notices of these participations, in their order (null where none was given). */
  async noticesOf(participationIds: readonly string[]): Promise<(AbsenceNotice | null)[]> {
    const rows = await this.prisma.absenceNotice.findMany({ where: { participationId: { in: [...participationIds] } } });
    return rowPerKey(participationIds, rows, (row) => row.participationId, null);
  }
}
