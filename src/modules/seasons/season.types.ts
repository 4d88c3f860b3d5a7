import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('Season', { description: 'A season: one term of the club (a cohort, 기수). Penalty points, warnings and standing count within one season.' })
export class SeasonNode {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { description: 'Exclusive.' })
  endsAt!: Date;
}

@InputType()
export class SeasonInput {
  @Field(() => String)
  name!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;
}

/** The optional argument of every season-scoped figure. */
@ArgsType()
export class SeasonArgs {
  @Field(() => ID, { nullable: true, description: 'Count this season only; by default the current one, else the latest ended one, else all time.' })
  seasonId?: string | null;
}

@ArgsType()
export class UpdateSeasonArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => SeasonInput)
  input!: SeasonInput;
}
