import { graphql } from '../gql';
import { useAction } from '../app/actions';
import { tellSuccess } from '../app/notice';

const ConfirmPaymentMutation = graphql(`
  mutation ConfirmPayment($eventId: ID!, $memberId: ID!) {
    confirmPayment(eventId: $eventId, memberId: $memberId) {
      id
      payment
    }
  }
`);

const RejectPaymentMutation = graphql(`
  mutation RejectPayment($eventId: ID!, $memberId: ID!) {
    rejectPayment(eventId: $eventId, memberId: $memberId) {
      id
      payment
    }
  }
`);

/** Confirm or reject a member's "I paid", on the match page and in the queue. */
export function PaymentButtons({ eventId, memberId, name, onDone }: { eventId: string; memberId: string; name: string; onDone?: () => void }) {
  const confirmPayment = useAction(ConfirmPaymentMutation);
  const rejectPayment = useAction(RejectPaymentMutation);
  const busy = confirmPayment.busy || rejectPayment.busy;
  return (
    <div class="actions">
      <button
        type="button"
        class="primary"
        data-testid="confirm-payment"
        disabled={busy}
        onClick={async () => {
          if (await confirmPayment.run({ eventId, memberId })) (tellSuccess(`${name}님의 납부를 확인했습니다.`), onDone?.());
        }}
      >
        납부 확인<span class="sr-only"> {name}</span>
      </button>
      <button
        type="button"
        class="danger"
        data-testid="reject-payment"
        disabled={busy}
        onClick={async () => {
          if (await rejectPayment.run({ eventId, memberId })) (tellSuccess(`${name}님의 납부 요청을 반려했습니다. 다시 "미납"이 됩니다.`), onDone?.());
        }}
      >
        반려<span class="sr-only"> {name}</span>
      </button>
    </div>
  );
}
