import { ArgsType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AbsenceStatus } from '../../generated/prisma/client';

registerEnumType(AbsenceStatus, {
  name: 'AbsenceStatus',
  valuesConfig: {
    APPROVED: { description: 'An admin accepted it: the participant is EXCUSED.' },
    DECLINED: { description: 'An admin turned it down: attendance is left as it is.' },
  },
});

@ObjectType('AbsenceNotice', { description: 'A participant\'s notice, before the match, that they will miss it.' })
export class AbsenceNoticeNode {
  @Field(() => String)
  reason!: string;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => AbsenceStatus)
  status!: AbsenceStatus;

  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true })
  reviewNote!: string | null;
}

@ArgsType()
export class SubmitAbsenceArgs {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  reason!: string;
}

@ArgsType()
export class ReviewAbsenceArgs {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => Boolean)
  approve!: boolean;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
