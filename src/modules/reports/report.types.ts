import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Event } from '../../generated/prisma/client';
import { EventNode } from '../events/event.types';
import type { MemberRecord } from '../members/member.service';
import { MemberNode } from '../members/member.types';

@ObjectType({ description: 'Counts over settled events only (events whose end-of-event settlement has run).' })
export class MemberStats {
  @Field(() => Int, {
    description:
      'Settled events the member was a participant of, plus settled events whose audience includes the member that started after the member signed up.',
  })
  eligibleEvents!: number;

  @Field(() => Int, { description: 'Settled events the member was a participant of.' })
  joined!: number;

  @Field(() => Int)
  attended!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => Int)
  absent!: number;

  @Field(() => Int)
  excused!: number;

  @Field(() => Float, { description: '(attended + late) / joined; 0 when joined is 0.' })
  attendanceRate!: number;

  @Field(() => Float, { description: 'joined / eligibleEvents; 0 when eligibleEvents is 0.' })
  participationRate!: number;
}

@ObjectType()
export class EventAttendance {
  @Field(() => EventNode)
  event!: Event;

  @Field(() => Int)
  eligible!: number;

  @Field(() => Int)
  participants!: number;

  @Field(() => Int)
  attended!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => Int)
  absent!: number;

  @Field(() => Int)
  excused!: number;
}

@ObjectType()
export class MemberAttendance {
  @Field(() => MemberNode)
  member!: MemberRecord;

  @Field(() => MemberStats)
  stats!: MemberStats;
}

@ObjectType({ description: "Aggregates for the admins' chart dashboards, over settled events in [from, to)." })
export class AttendanceReport {
  @Field(() => Date, { nullable: true })
  from!: Date | null;

  @Field(() => Date, { nullable: true })
  to!: Date | null;

  @Field(() => Int)
  eventCount!: number;

  @Field(() => Int)
  participations!: number;

  @Field(() => Int)
  attended!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => Int)
  absent!: number;

  @Field(() => Int)
  excused!: number;

  @Field(() => Float, { description: '(attended + late) / participations; 0 when there are none.' })
  attendanceRate!: number;

  @Field(() => Float, {
    description:
      'participations / (sum over the events of their eligible members, as MemberStats.eligibleEvents counts them); 0 when there are none.',
  })
  participationRate!: number;

  @Field(() => [EventAttendance], { description: 'One row per settled event, oldest first: a time series for charts.' })
  events!: EventAttendance[];

  @Field(() => [MemberAttendance], { description: 'One row per member who was eligible for at least one of the events.' })
  members!: MemberAttendance[];
}
