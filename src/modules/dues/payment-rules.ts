import { ErrorCode, DomainError } from '../../errors/errors';
import type { PaymentStatus } from '../../generated/prisma/client';

/**
 * The dues state machine of api-rules.md ("Dues"):
 * UNPAID → request → AWAITING_CONFIRMATION → confirm → PAID, or reject → UNPAID.
 */
export const PAYMENT_MOVES = {
  request: { from: 'UNPAID', to: 'AWAITING_CONFIRMATION' },
  confirm: { from: 'AWAITING_CONFIRMATION', to: 'PAID' },
  reject: { from: 'AWAITING_CONFIRMATION', to: 'UNPAID' },
} as const satisfies Record<string, { from: PaymentStatus; to: PaymentStatus }>;

export type PaymentMove = keyof typeof PAYMENT_MOVES;

/** A participant's starting payment state: nothing to pay when the event is free. */
export function initialPayment(fee: number): 'NOT_REQUIRED' | 'UNPAID' {
  return fee === 0 ? 'NOT_REQUIRED' : 'UNPAID';
}

/** The error for a move its current state does not allow. */
export function refusedPaymentMove(move: PaymentMove, current: PaymentStatus) {
  if (current === 'NOT_REQUIRED') return new DomainError(ErrorCode.PAYMENT_NOT_REQUIRED, 'This event has no dues.');
  if (current === 'PAID') return new DomainError(ErrorCode.ALREADY_PAID, 'These dues are paid already.');
  if (move === 'request') return new DomainError(ErrorCode.PAYMENT_ALREADY_REQUESTED, 'You have said you paid; an admin will confirm it.');
  return new DomainError(ErrorCode.PAYMENT_NOT_REQUESTED, 'The member has not said they paid.');
}
