import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PenaltyReason } from '../../generated/prisma/client';

registerEnumType(PenaltyReason, { name: 'PenaltyReason' });

export enum MemberStanding {
  GOOD = 'GOOD',
  WARNED = 'WARNED',
  EXPULSION_THRESHOLD = 'EXPULSION_THRESHOLD',
}
registerEnumType(MemberStanding, {
  name: 'MemberStanding',
  valuesConfig: {
    GOOD: { description: 'Fewer penalty points than one warning.' },
    WARNED: { description: 'At least one warning, below the expulsion threshold.' },
    EXPULSION_THRESHOLD: { description: 'Reached the number of warnings at which the club expels a member.' },
  },
});

/** Stored fields; member, event and issuedBy are field resolvers over the request's DataLoaders. */
@ObjectType('Penalty')
export class PenaltyNode {
  @Field(() => ID)
  id!: string;

  @Field(() => PenaltyReason)
  reason!: PenaltyReason;

  @Field(() => Int)
  points!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokeReason!: string | null;
}

@ArgsType()
export class IssuePenaltyArgs {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Int)
  points!: number;

  @Field(() => String)
  note!: string;

  @Field(() => ID, { nullable: true })
  eventId?: string | null;
}

@ArgsType()
export class RevokePenaltyArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  reason!: string;
}
