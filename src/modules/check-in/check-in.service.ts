import type { Clock } from '../../clock/clock';
import type { CheckInPolicy } from '../../config/config';
import type { PrismaClient } from '../../db/database';
import { ErrorCode, appError, badUserInput, notFound } from '../../errors/errors';
import type { CheckInOutcome, Participation } from '../../generated/prisma/client';
import type { Coordinates } from '../../geo/haversine';
import type { Viewer } from '../../graphql/context';
import { decideCheckIn, type CheckInDecision } from './check-in-rules';

function refusal(outcome: Exclude<CheckInOutcome, 'ATTENDED' | 'LATE'>, decision: CheckInDecision, policy: CheckInPolicy) {
  switch (outcome) {
    case 'NOT_A_PARTICIPANT':
      return appError(ErrorCode.NOT_A_PARTICIPANT, 'You are not playing in this event.');
    case 'CHECK_IN_NOT_OPEN':
      return appError(ErrorCode.CHECK_IN_NOT_OPEN, `Check-in opens ${policy.opensMinutesBefore} minutes before the start.`);
    case 'CHECK_IN_CLOSED':
      return appError(ErrorCode.CHECK_IN_CLOSED, 'Check-in for this event is closed.');
    case 'ALREADY_CHECKED_IN':
      return appError(ErrorCode.ALREADY_CHECKED_IN, 'You are checked in already.');
    case 'LOCATION_TOO_INACCURATE':
      return appError(ErrorCode.LOCATION_TOO_INACCURATE, `Your location is not precise enough (over ${policy.maxAccuracyMeters} m).`, {
        maxAccuracyMeters: policy.maxAccuracyMeters,
      });
    case 'OUT_OF_RANGE':
      return appError(ErrorCode.OUT_OF_RANGE, `You are more than ${policy.radiusMeters} m from the pitch.`, {
        distanceMeters: Math.round(decision.distanceMeters!),
        radiusMeters: policy.radiusMeters,
      });
  }
}

/** A member checks themself in from where they stand; every attempt is kept, refused or not. */
export class CheckInService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: CheckInPolicy,
    private readonly clock: Clock,
  ) {}

  async checkIn(viewer: Viewer, eventId: string, position: Coordinates, accuracyMeters: number | null): Promise<Participation> {
    if (!(position.latitude >= -90 && position.latitude <= 90)) throw badUserInput('latitude', 'latitude must be from -90 to 90.');
    if (!(position.longitude >= -180 && position.longitude <= 180)) {
      throw badUserInput('longitude', 'longitude must be from -180 to 180.');
    }
    if (accuracyMeters !== null && !(accuracyMeters >= 0)) throw badUserInput('accuracyMeters', 'accuracyMeters cannot be negative.');

    const event = await this.prisma.event.findUnique({ where: { id: eventId } });
    if (!event) throw notFound('event');
    const participation = await this.prisma.participation.findUnique({
      where: { eventId_memberId: { eventId, memberId: viewer.id } },
    });
    const at = this.clock.now();
    let decision = decideCheckIn(
      { event, attendance: participation?.attendance ?? null, at, position, accuracyMeters },
      this.policy,
    );
    const attempt = { eventId, memberId: viewer.id, ...position, accuracyMeters, attemptedAt: at };

    if (participation && (decision.outcome === 'ATTENDED' || decision.outcome === 'LATE')) {
      const status = decision.outcome;
      const checkedIn = await this.prisma.$transaction(async (tx) => {
        // Conditional: of racing check-ins, the first to commit wins; the rest match no row.
        const { count } = await tx.participation.updateMany({
          where: { id: participation.id, attendance: { notIn: ['ATTENDED', 'LATE'] } },
          data: { attendance: status, checkedInAt: at, checkInDistanceMeters: decision.distanceMeters },
        });
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
