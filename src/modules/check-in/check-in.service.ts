import type { Clock } from '../../clock/clock';
import type { CheckInPolicy } from '../../config/config';
import type { PrismaClient } from '../../db/database';
import { deleteOlderThan } from '../../db/delete-older-than';
import { ErrorCode, DomainError, badUserInput, notAParticipant, notFound } from '../../errors/errors';
import type { CheckInOutcome, Participation } from '../../generated/prisma/client';
import { validCoordinates } from '../../geo/coordinates';
import type { Coordinates } from '../../geo/haversine';
import type { ParticipationService } from '../participations/participation.service';
import { CHECK_IN_FROM, CheckInWindow, decideCheckIn, type CheckInDecision } from './check-in-rules';

function refusal(outcome: Exclude<CheckInOutcome, 'ATTENDED' | 'LATE'>, decision: CheckInDecision, policy: CheckInPolicy) {
  switch (outcome) {
    case 'NOT_A_PARTICIPANT':
      return notAParticipant();
    case 'CHECK_IN_NOT_OPEN':
      return new DomainError(ErrorCode.CHECK_IN_NOT_OPEN, `Check-in opens ${policy.opensMinutesBefore} minutes before the start.`);
    case 'CHECK_IN_CLOSED':
      return new DomainError(ErrorCode.CHECK_IN_CLOSED, 'Check-in for this event is closed.');
    case 'ALREADY_CHECKED_IN':
      return new DomainError(ErrorCode.ALREADY_CHECKED_IN, 'You are checked in already.');
    case 'LOCATION_TOO_INACCURATE':
      return new DomainError(ErrorCode.LOCATION_TOO_INACCURATE, `Your location is not precise enough (over ${policy.maxAccuracyMeters} m).`, {
        maxAccuracyMeters: policy.maxAccuracyMeters,
      });
    case 'OUT_OF_RANGE':
      return new DomainError(ErrorCode.OUT_OF_RANGE, `You are more than ${policy.radiusMeters} m from the pitch.`, {
        distanceMeters: Math.round(decision.distanceMeters!),
        radiusMeters: policy.radiusMeters,
      });
  }
}

/** A member checks themself in from where they stand; every attempt is kept, refused or not. */
export class CheckInService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly participations: ParticipationService,
    private readonly policy: CheckInPolicy,
    private readonly clock: Clock,
  ) {}

  /** Retention: forgets check-in attempts made before `cutoff` (the participation keeps the outcome). */
  /** The event's check-in window under this server's policy. */
  windowOf(event: { startsAt: Date; endsAt: Date; settledAt: Date | null }): CheckInWindow {
    return CheckInWindow.of(event, this.policy);
  }

  forgetAttemptsBefore(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.prisma, 'check_in_attempts', 'attempted_at', cutoff);
  }

  async checkIn(memberId: string, eventId: string, position: Coordinates, accuracyMeters: number | null): Promise<Participation> {
    validCoordinates(position);
    if (accuracyMeters !== null && !(accuracyMeters >= 0)) throw badUserInput('accuracyMeters', 'accuracyMeters cannot be negative.');

    const event = await this.prisma.event.findUnique({ where: { id: eventId } });
    if (!event) throw notFound('event');
    const participation = await this.prisma.participation.findUnique({
      where: { eventId_memberId: { eventId, memberId } },
    });
    const at = this.clock.now();
    let decision = decideCheckIn(
      { event, attendance: participation?.attendance ?? null, at, position, accuracyMeters },
      this.policy,
    );
    const attempt = { eventId, memberId, ...position, accuracyMeters, attemptedAt: at };

    if (participation && (decision.outcome === 'ATTENDED' || decision.outcome === 'LATE')) {
      const status = decision.outcome;
      const checkedIn = await this.prisma.$transaction(async (tx) => {
        // Conditional: of racing check-ins, the first to commit wins; the rest match no row.
        const count = await this.participations.changeAttendance(
          tx,
          { eventId, memberId, from: CHECK_IN_FROM },
          { attendance: status, checkedInAt: at, checkInDistanceMeters: decision.distanceMeters },
        );
        if (count === 0) return null;
        await tx.checkInAttempt.create({ data: { ...attempt, distanceMeters: decision.distanceMeters, outcome: status } });
        return tx.participation.findUniqueOrThrow({ where: { id: participation.id } });
      });
      if (checkedIn) return checkedIn;
      decision = { ...decision, outcome: 'ALREADY_CHECKED_IN' };
    }
    await this.prisma.checkInAttempt.create({ data: { ...attempt, distanceMeters: decision.distanceMeters, outcome: decision.outcome } });
    throw refusal(decision.outcome as Exclude<CheckInOutcome, 'ATTENDED' | 'LATE'>, decision, this.policy);
  }
}
