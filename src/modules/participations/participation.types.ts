import { ArgsType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AttendanceStatus, PaymentStatus } from '../../generated/prisma/client';

registerEnumType(AttendanceStatus, {
  name: 'AttendanceStatus',
  valuesConfig: {
    PENDING: { description: 'Not checked in yet, and the event has not been settled.' },
    EXCUSED: { description: 'Excused by an admin: never penalised.' },
  },
});
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  valuesConfig: {
    NOT_REQUIRED: { description: "The event's fee is 0." },
    AWAITING_CONFIRMATION: { description: 'The member says they paid; an admin has not confirmed it yet.' },
  },
});

/** Public fields; member, event and the private fields are field resolvers. */
@ObjectType('Participation')
export class ParticipationNode {
  @Field(() => ID)
  id!: string;

  @Field(() => AttendanceStatus)
  attendance!: AttendanceStatus;

  @Field(() => Date, { nullable: true })
  checkedInAt!: Date | null;
}

@ArgsType()
export class EventMemberArgs {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID)
  memberId!: string;
}

@ArgsType()
export class AddParticipantsArgs {
  @Field(() => ID)
  eventId!: string;

  @Field(() => [ID])
  memberIds!: string[];
}

@ArgsType()
export class SetAttendanceArgs {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => AttendanceStatus)
  status!: AttendanceStatus;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
