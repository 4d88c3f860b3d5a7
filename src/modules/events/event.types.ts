import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Audience } from '../../generated/prisma/client';
import { PageInfo } from '../../graphql/page-info';

registerEnumType(Audience, { name: 'Audience', description: 'Which members an event is for.' });

/** Stored fields; participants and counts are field resolvers over the request's DataLoaders. */
@ObjectType('Event')
export class EventNode {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String)
  address!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Audience)
  audience!: Audience;

  @Field(() => Int, { description: 'Dues for this event in whole won; 0 means no dues.' })
  fee!: number;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the end-of-event settlement ran; null before.' })
  settledAt!: Date | null;
}

@ObjectType()
export class EventEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => EventNode)
  node!: EventNode;
}

@ObjectType()
export class EventConnection {
  @Field(() => [EventEdge])
  edges!: EventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class CreateEventInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String)
  address!: string;

  @Field(() => Audience)
  audience!: Audience;

  @Field(() => Int)
  fee!: number;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => Float, { nullable: true, description: 'Both or neither. When given, the address is not geocoded.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;
}

@InputType()
export class UpdateEventInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Audience, { nullable: true })
  audience?: Audience | null;

  @Field(() => Int, { nullable: true })
  fee?: number | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;
}

@InputType()
export class EventFilter {
  @Field(() => Date, { nullable: true, description: 'Events that end at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events that start before this instant.' })
  to?: Date | null;

  @Field(() => Audience, { nullable: true })
  audience?: Audience | null;
}

@ArgsType()
export class EventsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first!: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => EventFilter, { nullable: true })
  filter?: EventFilter | null;
}

@ArgsType()
export class UpdateEventArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => UpdateEventInput)
  input!: UpdateEventInput;
}
