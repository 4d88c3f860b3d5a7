import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf } from '../support/graphql-client';
import {
  ConfirmPaymentDocument,
  PendingPaymentsDocument,
  RejectPaymentDocument,
  RequestPaymentConfirmationDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

describe('dues', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  let secondAdmin: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
    secondAdmin = await signUpAdmin(server);
  });
  afterAll(() => server.stop());

  async function paidEvent(fee = 5000) {
    const member = await signUpMember(server);
    const event = await createEvent(server, admin.token, { fee });
    await addParticipants(server, admin.token, event.id, [member.id]);
    const ids = { eventId: event.id, memberId: member.id };
    return {
      member,
      event,
      request: () => server.request(RequestPaymentConfirmationDocument, { eventId: event.id }, { token: member.token }),
      confirm: (token = admin.token) => server.request(ConfirmPaymentDocument, ids, { token }),
      reject: (reason?: string) => server.request(RejectPaymentDocument, { ...ids, reason }, { token: admin.token }),
    };
  }
  const code = (response: { errors?: { extensions?: { code?: string } }[] }) => errorOf(response as never).extensions?.code;

  it('moves UNPAID → AWAITING_CONFIRMATION → PAID, stamping each step', async () => {
    const { request, confirm } = await paidEvent();
    const requested = dataOf(await request()).requestPaymentConfirmation;
    expect(requested).toMatchObject({ payment: 'AWAITING_CONFIRMATION', paymentConfirmedAt: null });
    expect(requested.paymentRequestedAt).not.toBeNull();
    const confirmed = dataOf(await confirm()).confirmPayment;
    expect(confirmed).toMatchObject({ payment: 'PAID', paymentRequestedAt: requested.paymentRequestedAt });
    expect(confirmed.paymentConfirmedAt).not.toBeNull();
  });

  it('moves a rejected claim back to UNPAID, keeping the reason, and lets the member claim again', async () => {
    const { member, event, request, reject } = await paidEvent();
    dataOf(await request());
    expect(dataOf(await reject('No transfer arrived')).rejectPayment).toMatchObject({ payment: 'UNPAID', paymentRequestedAt: null });
    const row = await server.app.database.prisma.participation.findUniqueOrThrow({
      where: { eventId_memberId: { eventId: event.id, memberId: member.id } },
    });
    expect(row.paymentRejectReason).toBe('No transfer arrived');
    expect(dataOf(await request()).requestPaymentConfirmation.payment).toBe('AWAITING_CONFIRMATION');
  });

  it('answers every other move with its own code', async () => {
    const { request, confirm, reject } = await paidEvent();
    expect(code(await confirm())).toBe('PAYMENT_NOT_REQUESTED');
    expect(code(await reject())).toBe('PAYMENT_NOT_REQUESTED');
    dataOf(await request());
    expect(code(await request())).toBe('PAYMENT_ALREADY_REQUESTED');
    dataOf(await confirm());
    expect(code(await confirm())).toBe('ALREADY_PAID');
    expect(code(await reject())).toBe('ALREADY_PAID');
    expect(code(await request())).toBe('ALREADY_PAID');
  });

  it('answers PAYMENT_NOT_REQUIRED for a free event', async () => {
    const { request, confirm, reject } = await paidEvent(0);
    expect(code(await request())).toBe('PAYMENT_NOT_REQUIRED');
    expect(code(await confirm())).toBe('PAYMENT_NOT_REQUIRED');
    expect(code(await reject())).toBe('PAYMENT_NOT_REQUIRED');
  });

  it('lets one of two admins confirming at once win; the other gets ALREADY_PAID', async () => {
    const { request, confirm } = await paidEvent();
    dataOf(await request());
    const outcomes = await Promise.all([confirm(admin.token), confirm(secondAdmin.token)]);
    const codes = outcomes.map((r) => (r.errors ? code(r) : r.data?.confirmPayment.payment)).sort();
    expect(codes).toEqual(['ALREADY_PAID', 'PAID']);
  });

  it('answers NOT_A_PARTICIPANT to a member who is not playing, and NOT_FOUND for an unknown event or participation', async () => {
    const { event } = await paidEvent();
    const outsider = await signUpMember(server);
    expect(code(await server.request(RequestPaymentConfirmationDocument, { eventId: event.id }, { token: outsider.token }))).toBe('NOT_A_PARTICIPANT');
    expect(code(await server.request(RequestPaymentConfirmationDocument, { eventId: 'nope' }, { token: outsider.token }))).toBe('NOT_FOUND');
    expect(code(await server.request(ConfirmPaymentDocument, { eventId: event.id, memberId: outsider.id }, { token: admin.token }))).toBe('NOT_FOUND');
    expect(code(await server.request(RejectPaymentDocument, { eventId: 'nope', memberId: outsider.id }, { token: admin.token }))).toBe('NOT_FOUND');
  });

  it('lets only admins confirm or reject, and refuses an overlong reason', async () => {
    const { member, request, reject } = await paidEvent();
    dataOf(await request());
    const ids = { eventId: (await paidEvent()).event.id, memberId: member.id };
    expect(code(await server.request(ConfirmPaymentDocument, ids, { token: member.token }))).toBe('FORBIDDEN');
    expect(code(await server.request(RejectPaymentDocument, ids, { token: member.token }))).toBe('FORBIDDEN');
    expect(errorOf(await reject('r'.repeat(501))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('lists claims awaiting confirmation to admins, oldest first, of one event or of all', async () => {
    const first = await paidEvent();
    const second = await paidEvent();
    dataOf(await first.request());
    server.clock.advance(1000);
    dataOf(await second.request());

    const all = dataOf(await server.request(PendingPaymentsDocument, {}, { token: admin.token })).pendingPayments;
    const ours = all.filter((p) => [first.event.id, second.event.id].includes(p.event.id));
    expect(ours.map((p) => p.event.id)).toEqual([first.event.id, second.event.id]);
    expect(all.every((p) => p.payment === 'AWAITING_CONFIRMATION')).toBe(true);

    const one = dataOf(await server.request(PendingPaymentsDocument, { eventId: second.event.id }, { token: admin.token })).pendingPayments;
    expect(one.map((p) => p.member.id)).toEqual([second.member.id]);

    expect(code(await server.request(PendingPaymentsDocument, { eventId: 'nope' }, { token: admin.token }))).toBe('NOT_FOUND');
    expect(code(await server.request(PendingPaymentsDocument, {}, { token: first.member.token }))).toBe('FORBIDDEN');
  });
});
