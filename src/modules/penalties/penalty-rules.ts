import type { PenaltyPolicy } from '../../config/config';
import type { AttendanceStatus, PaymentStatus } from '../../generated/prisma/client';

/** The penalty rules of api-rules.md ("Settlement (end of event) and penalties"), each in one function. */

export type AutomaticReason = 'ABSENT' | 'LATE' | 'UNPAID';

export interface AutomaticPenalty {
  reason: AutomaticReason;
  points: number;
}

/**
 * What a settled participation earns: ABSENT, or LATE, by attendance; UNPAID when the event has
 * dues, the payment is still UNPAID (a claim awaiting confirmation is not), and the member was not
 * absent. EXCUSED earns nothing. Reasons worth 0 points under the policy are not issued.
 */
export function automaticPenaltiesFor(
  participation: { attendance: AttendanceStatus; payment: PaymentStatus },
  fee: number,
  policy: PenaltyPolicy,
): AutomaticPenalty[] {
  const { attendance, payment } = participation;
  if (attendance === 'EXCUSED') return [];
  const penalties: AutomaticPenalty[] = [];
  if (attendance === 'ABSENT') penalties.push({ reason: 'ABSENT', points: policy.absentPoints });
  if (attendance === 'LATE') penalties.push({ reason: 'LATE', points: policy.latePoints });
  if (fee > 0 && payment === 'UNPAID' && attendance !== 'ABSENT') penalties.push({ reason: 'UNPAID', points: policy.unpaidPoints });
  return penalties.filter((penalty) => penalty.points > 0);
}

export type Standing = 'GOOD' | 'WARNED' | 'EXPULSION_THRESHOLD';

/** One warning per `pointsPerWarning` active points; expulsion threshold at `expulsionWarnings` warnings. */
export function standingOf(activePoints: number, policy: PenaltyPolicy): { warningCount: number; standing: Standing } {
  const warningCount = Math.floor(activePoints / policy.pointsPerWarning);
  const standing = warningCount >= policy.expulsionWarnings ? 'EXPULSION_THRESHOLD' : warningCount >= 1 ? 'WARNED' : 'GOOD';
  return { warningCount, standing };
}
