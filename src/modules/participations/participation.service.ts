import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import { ErrorCode, DomainError, badUserInput, forbidden, memberInactive, notFound } from '../../errors/errors';
import type { AttendanceStatus, Participation, Prisma } from '../../generated/prisma/client';
import { validText } from '../../validation/text';
import { initialPayment } from '../dues/payment-rules';
import { audienceIncludes, gendersOf } from '../events/event-rules';
import { lockEvent } from '../events/event.service';
import type { MemberRecord } from '../members/member.service';
import type { PenaltyService } from '../penalties/penalty.service';
import type { MemberNotifications } from '../push/push.service';
import { addedToMatch } from '../push/push-messages';
import { inTransaction } from '../../db/transactions';

export const MAX_MEMBERS_PER_CALL = 200;
/** An optional admin's note: at most 500 characters, empty meaning none. */
export function validateNote(field: string, note: string | null | undefined): string | null {
  return validText(field, note ?? '', { min: 0, max: 500, multiLine: true }) || null;
}

/**
 * The error for a participation that is not there: NOT_FOUND when the event itself is missing,
 * otherwise `whenEventExists` (NOT_FOUND for the participation, or NOT_A_PARTICIPANT for the caller).
 */
export async function missingParticipationError(
  db: Prisma.TransactionClient,
  eventId: string,
  whenEventExists: () => DomainError,
): Promise<DomainError> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { id: true } });
  return event ? whenEventExists() : notFound('event');
}

/** Which participations an attendance change applies to: one member's, or the whole event's. */
export interface AttendanceTarget {
  eventId: string;
  memberId?: string;
  /** Only participations whose attendance is one of these change. */
  from?: AttendanceStatus[];
}

export interface AttendanceChange {
  attendance: AttendanceStatus;
  checkedInAt?: Date | null;
  checkInDistanceMeters?: number | null;
  attendanceNote?: string | null;
}

/**
 * Who plays in an event, and their attendance: the one writer of the participations table but for
 * payments, which change through dues.
 */
export class ParticipationService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly penalties: PenaltyService,
    private readonly notifications: MemberNotifications,
    private readonly clock: Clock,
  ) {}

  /**
   * The one way a participation's attendance changes (check-in, settlement, an admin's hand), inside
   * the caller's transaction. Conditional on `from`, so of racing changes only the first applies.
   * Answers how many participations changed.
   */
  async changeAttendance(tx: Prisma.TransactionClient, target: AttendanceTarget, change: AttendanceChange): Promise<number> {
    const { count } = await tx.participation.updateMany({
      where: {
        eventId: target.eventId,
        ...(target.memberId === undefined ? {} : { memberId: target.memberId }),
        ...(target.from === undefined ? {} : { attendance: { in: target.from } }),
      },
      data: change,
    });
    return count;
  }

  /** The participation, or NOT_FOUND for the event or for the member's place in it. */
  async get(eventId: string, memberId: string): Promise<Participation> {
    const participation = await this.prisma.participation.findUnique({ where: { eventId_memberId: { eventId, memberId } } });
    if (participation) return participation;
    throw await missingParticipationError(this.prisma, eventId, () => notFound('participation'));
  }

  /** A participation by its id, or null once it is gone (the member was removed). */
  findById(id: string): Promise<Participation | null> {
    return this.prisma.participation.findUnique({ where: { id } });
  }

  /** The events' participations changed since `since` (their row, or their absence notice), oldest change first. */
  changedSince(eventIds: string[], since: Date): Promise<Participation[]> {
    return this.prisma.participation.findMany({
      where: {
        eventId: { in: eventIds },
        OR: [{ updatedAt: { gte: since } }, { absenceNotice: { submittedAt: { gte: since } } }, { absenceNotice: { reviewedAt: { gte: since } } }],
      },
      orderBy: { updatedAt: 'asc' },
    });
  }

  /**
   * Who may follow an event's participations live: its participants (anyone else FORBIDDEN, whether
   * or not the event exists) and admins (NOT_FOUND for an event that is not there).
   */
  async assertMayFollow(viewer: MemberRecord, eventId: string): Promise<void> {
    if (viewer.role === 'ADMIN') {
      if (!(await this.prisma.event.count({ where: { id: eventId } }))) throw notFound('event');
    } else if (!(await this.prisma.participation.count({ where: { eventId, memberId: viewer.id } }))) {
      throw forbidden("Only the match's participants and admins can follow it.");
    }
  }

  /**
   * Adds the members who are not in yet, all or none: an unknown member is NOT_FOUND, one the
   * audience excludes AUDIENCE_MISMATCH, an INACTIVE one MEMBER_INACTIVE. Answers every named
   * member's participation, in order.
   */
  async add(eventId: string, memberIds: string[]): Promise<Participation[]> {
    const ids = [...new Set(memberIds)];
    if (ids.length > MAX_MEMBERS_PER_CALL) {
      throw badUserInput('memberIds', `Add at most ${MAX_MEMBERS_PER_CALL} members at a time.`);
    }
    return inTransaction(this.prisma, async (tx) => {
      const event = await lockEvent(tx, eventId);
      if (event.settledAt) throw badUserInput('eventId', 'The event is settled: its participants no longer change.');
      const members = await tx.member.findMany({ where: { id: { in: ids } }, select: { id: true, gender: true, status: true } });
      const unknown = ids.filter((id) => !members.some((m) => m.id === id));
      if (unknown.length > 0) throw new DomainError(ErrorCode.NOT_FOUND, 'No such member.', { memberIds: unknown });
      const inactive = members.filter((m) => m.status === 'INACTIVE').map((m) => m.id);
      if (inactive.length > 0) throw memberInactive({ memberIds: inactive });
      const excluded = members.filter((m) => !audienceIncludes(event.audience, m.gender)).map((m) => m.id);
      if (excluded.length > 0) {
        throw new DomainError(ErrorCode.AUDIENCE_MISMATCH, `This event is for ${event.audience} members only.`, { memberIds: excluded });
      }
      const added = await tx.participation.createManyAndReturn({
        data: ids.map((memberId) => ({ eventId, memberId, payment: initialPayment(event.fee) })),
        skipDuplicates: true,
        select: { memberId: true },
      });
      await this.notifications.notifyAboutMatch(tx, added.map((row) => row.memberId), eventId, addedToMatch);
      const rows = await tx.participation.findMany({ where: { eventId, memberId: { in: ids } } });
      return ids.map((id) => rows.find((row) => row.memberId === id)!);
    });
  }

  /** After settlement, the member's automatic penalties for the event go with them (revoked). */
  async remove(eventId: string, memberId: string): Promise<boolean> {
    await inTransaction(this.prisma, async (tx) => {
      const { count } = await tx.participation.deleteMany({ where: { eventId, memberId } });
      if (count === 0) throw await missingParticipationError(tx, eventId, () => notFound('participation'));
      await this.penalties.reconcileAutomatic(tx, eventId, memberId, 'removed from the event');
    });
    return true;
  }

  /** ACTIVE members whose gender fits the event's audience and who are not participants yet, by name. */
  async eligibleMembers(eventId: string): Promise<MemberRecord[]> {
    const event = await this.prisma.event.findUnique({ where: { id: eventId }, select: { audience: true } });
    if (!event) throw notFound('event');
    return this.prisma.member.findMany({
      where: { status: 'ACTIVE', gender: { in: gendersOf(event.audience) }, participations: { none: { eventId } } },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      omit: { passwordHash: true },
    });
  }

  /**
   * An admin checks a member in by hand (the fallback when a phone's location fails), marks them
   * late or absent, or excuses them. PENDING is refused once the event is settled; after
   * settlement the member's automatic penalties follow the correction.
   */
  async setAttendance(eventId: string, memberId: string, status: AttendanceStatus, note: string | null | undefined) {
    const attendanceNote = validateNote('note', note);
    const participation = await this.get(eventId, memberId);
    const event = await this.prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { settledAt: true } });
    if (status === 'PENDING' && event.settledAt) {
      throw badUserInput('status', 'A settled event has no PENDING attendance.');
    }
    const present = status === 'ATTENDED' || status === 'LATE';
    return inTransaction(this.prisma, async (tx) => {
      await this.changeAttendance(tx, { eventId, memberId }, {
        attendance: status,
        attendanceNote,
        checkedInAt: present ? (participation.checkedInAt ?? this.clock.now()) : null,
        checkInDistanceMeters: present ? participation.checkInDistanceMeters : null,
      });
      await this.penalties.reconcileAutomatic(tx, eventId, memberId, `attendance corrected to ${status}`);
      return tx.participation.findUniqueOrThrow({ where: { id: participation.id } });
    });
  }
}
