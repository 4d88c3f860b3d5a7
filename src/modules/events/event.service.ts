import type { PrismaClient, ReadSql } from '../../db/database';
import { ErrorCode, DomainError, badUserInput, forbidden, notFound } from '../../errors/errors';
import type { Event, Prisma } from '../../generated/prisma/client';
import { GeocodingError, normalizeAddress, type Geocoder } from '../../geo/geocoder';
import type { Coordinates } from '../../geo/haversine';
import type { Viewer } from '../../auth/viewer';
import { decodeCursor, encodeCursor, type Page } from '../../graphql/pagination';
import type { Logger } from '../../logging/logger';
import type { DuesService } from '../dues/dues.service';
import { participationSummaryOfEvents, takeParticipationSummary, type ParticipationSummary } from '../participations/participation-summary';
import type { PenaltyService } from '../penalties/penalty.service';
import type { ReminderTriggers } from '../reminders/reminder-triggers';
import type { SettlementTriggers } from '../settlement/settlement-triggers';
import { audiencesVisibleTo, gendersOf, validateCoordinates, validateEventFields, type EventFields } from './event-rules';
import { eventColumns } from './event.columns';
import type { CreateEventInput, EventFilter, UpdateEventInput } from './event.types';

const LIST_FILTER = `($1::"Audience"[] IS NULL OR e.audience = ANY($1::"Audience"[]))
  AND ($2::timestamptz IS NULL OR e.ends_at >= $2)
  AND ($3::timestamptz IS NULL OR e.starts_at < $3)
  AND ($4::"Audience" IS NULL OR e.audience = $4)`;
const LIST_PAGE_WHERE = `WHERE ${LIST_FILTER} AND ($5::timestamptz IS NULL OR (e.starts_at, e.id) > ($5, $6::text))
  ORDER BY e.starts_at, e.id LIMIT $7`;
const LIST_PAGE = `SELECT ${eventColumns('e')} FROM events e ${LIST_PAGE_WHERE}`;
const summary = participationSummaryOfEvents('$8');
const LIST_PAGE_WITH_SUMMARY = `SELECT ${eventColumns('e')}, ${summary.columns} FROM events e ${summary.joins} ${LIST_PAGE_WHERE}`;
const LIST_COUNT = `SELECT count(*)::int AS count FROM events e WHERE ${LIST_FILTER}`;

export interface EventListOptions {
  first: number;
  after?: string | null;
  filter?: EventFilter | null;
  /** Read each event's participation summary for the viewer with the page (the list shows it). */
  withParticipationSummary?: boolean;
}

/** Cursor position: (startsAt, id), the list's order. */
function cursorOf(event: Event): string {
  return encodeCursor(`${event.startsAt.getTime()}:${event.id}`);
}

function parseCursor(cursor: string | null | undefined): { startsAt: Date; id: string } | undefined {
  const position = decodeCursor(cursor);
  if (position === undefined) return undefined;
  const [millis, id] = [Number(position.slice(0, position.indexOf(':'))), position.slice(position.indexOf(':') + 1)];
  if (!Number.isSafeInteger(millis) || !id) throw badUserInput('after', 'after is not a cursor this API gave out.');
  return { startsAt: new Date(millis), id };
}

/** A settled event's penalties rest on its times, fee and audience: those no longer change. */
function refuseSettledChanges(current: Event, fields: EventFields): void {
  const changed = (['startsAt', 'endsAt', 'fee', 'audience'] as const).find((field) =>
    fields[field] instanceof Date ? fields[field].getTime() !== (current[field] as Date).getTime() : fields[field] !== current[field],
  );
  if (changed) throw badUserInput(changed, `The event is settled: its ${changed} no longer changes.`);
}

/** Locks an event row for the rest of the transaction, so membership and audience changes queue up. */
export async function lockEvent(tx: Prisma.TransactionClient, id: string): Promise<Event> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM events WHERE id = ${id} FOR UPDATE`;
  if (!locked) throw notFound('event');
  return tx.event.findUniqueOrThrow({ where: { id } });
}

/**
 * Claims an event for its settlement: sets settled_at if nobody has, inside the settlement's
 * transaction. Answers the settled event, or null when it was settled already or is gone.
 */
export async function claimForSettlement(tx: Prisma.TransactionClient, id: string, settledAt: Date): Promise<Event | null> {
  const { count } = await tx.event.updateMany({ where: { id, settledAt: null }, data: { settledAt } });
  return count === 0 ? null : tx.event.findUniqueOrThrow({ where: { id } });
}

/** Events: the one writer of the events table. */
export class EventService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly read: ReadSql,
    private readonly geocoder: Geocoder | undefined,
    private readonly dues: DuesService,
    private readonly penalties: PenaltyService,
    private readonly logger: Logger,
    private readonly settlements: SettlementTriggers,
    private readonly reminders: ReminderTriggers,
  ) {}

  /** An event the viewer may see; FORBIDDEN when its audience excludes them, null when there is none. */
  async findVisible(viewer: Viewer, id: string, load: (id: string) => Promise<Event | null>): Promise<Event | null> {
    const event = await load(id);
    if (!event) return null;
    const visible = audiencesVisibleTo(viewer);
    if (visible !== 'every' && !visible.includes(event.audience)) throw forbidden('This event is not for you.');
    return event;
  }

  /**
   * Soonest start first; members see only the audiences that include them. Every signed-in page
   * load reads it, so it is one SQL statement of fixed shape: an absent filter is a NULL parameter.
   */
  async list(viewer: Viewer, options: EventListOptions): Promise<Page<Event> & { participationSummaries: Map<string, ParticipationSummary> }> {
    const visible = audiencesVisibleTo(viewer);
    const filter = options.filter ?? {};
    const after = parseCursor(options.after);
    const filterParams = [visible === 'every' ? null : visible, filter.from ?? null, filter.to ?? null, filter.audience ?? null];
    const pageParams = [...filterParams, after?.startsAt ?? null, after?.id ?? null, options.first + 1];
    const participationSummaries = new Map<string, ParticipationSummary>();
    let rows: Event[];
    if (options.withParticipationSummary) {
      rows = (await this.read<Record<string, unknown>>(LIST_PAGE_WITH_SUMMARY, [...pageParams, viewer.id])).map((row) => {
        const { summary: eventSummary, rest: event } = takeParticipationSummary<Event>(row);
        participationSummaries.set(event.id, eventSummary);
        return event;
      });
    } else {
      rows = await this.read<Event>(LIST_PAGE, pageParams);
    }
    return {
      nodes: rows.slice(0, options.first),
      hasNextPage: rows.length > options.first,
      countTotal: async () => (await this.read<{ count: number }>(LIST_COUNT, filterParams))[0].count,
      cursorOf,
      participationSummaries,
    };
  }

  async create(input: CreateEventInput): Promise<Event> {
    const fields = validateEventFields({
      title: input.title,
      description: input.description ?? null,
      address: input.address,
      audience: input.audience,
      fee: input.fee,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
    });
    const coordinates = validateCoordinates(input.latitude, input.longitude) ?? (await this.locate(fields.address));
    const event = await this.prisma.event.create({ data: { ...fields, ...coordinates } });
    this.settlements.schedule(event);
    this.reminders.schedule(event);
    return event;
  }

  /**
   * Validates the event as the update would leave it; re-geocodes a changed address unless
   * coordinates are given; refuses an audience that would exclude a participant; keeps payment
   * states in step when the fee moves between free and paid.
   */
  async update(id: string, input: UpdateEventInput): Promise<Event> {
    const current = await this.prisma.event.findUnique({ where: { id } });
    if (!current) throw notFound('event');
    for (const field of ['title', 'address', 'audience', 'fee', 'startsAt', 'endsAt'] as const) {
      if (input[field] === null) throw badUserInput(field, `${field} cannot be null.`);
    }
    const fields: EventFields = validateEventFields({
      title: input.title ?? current.title,
      description: input.description === undefined ? current.description : input.description,
      address: input.address ?? current.address,
      audience: input.audience ?? current.audience,
      fee: input.fee ?? current.fee,
      startsAt: input.startsAt ?? current.startsAt,
      endsAt: input.endsAt ?? current.endsAt,
    });
    if (current.settledAt) refuseSettledChanges(current, fields);
    const addressChanged = normalizeAddress(fields.address) !== normalizeAddress(current.address);
    const coordinates =
      validateCoordinates(input.latitude, input.longitude) ?? (addressChanged ? await this.locate(fields.address) : undefined);

    const updated = await this.prisma.$transaction(async (tx) => {
      const locked = await lockEvent(tx, id);
      if (fields.audience !== locked.audience) {
        const excluded = await tx.participation.count({
          where: { eventId: id, member: { gender: { notIn: gendersOf(fields.audience) } } },
        });
        if (excluded > 0) {
          throw badUserInput('audience', `${excluded} participant(s) are not in that audience; remove them first.`);
        }
      }
      await this.dues.followFeeChange(tx, id, locked.fee, fields.fee);
      // A reminder written for the old start and not yet delivered would name the wrong time.
      if (fields.startsAt.getTime() !== locked.startsAt.getTime()) await this.reminders.withdraw(tx, id);
      return tx.event.update({ where: { id }, data: { ...fields, ...coordinates } });
    });
    if (updated.endsAt.getTime() !== current.endsAt.getTime() && !updated.settledAt) this.settlements.schedule(updated);
    if (updated.startsAt.getTime() !== current.startsAt.getTime() && !updated.settledAt) this.reminders.schedule(updated);
    return updated;
  }

  /** Deletes the event and its participations; the penalties it produced are revoked, not erased. */
  async delete(id: string): Promise<boolean> {
    await this.prisma.$transaction(async (tx) => {
      await lockEvent(tx, id);
      await this.penalties.revokeForDeletedEvent(tx, id);
      await this.reminders.withdraw(tx, id);
      await tx.event.delete({ where: { id } });
    });
    this.settlements.cancel(id);
    this.reminders.cancel(id);
    return true;
  }

  /** The address's coordinates from the configured geocoder; nothing is saved when it fails. */
  private async locate(address: string): Promise<Coordinates> {
    if (!this.geocoder) {
      throw new DomainError(ErrorCode.GEOCODING_UNAVAILABLE, 'No geocoder is configured: give latitude and longitude.');
    }
    try {
      return await this.geocoder.geocode(address);
    } catch (error) {
      if (error instanceof GeocodingError && error.kind === 'ADDRESS_NOT_FOUND') {
        throw new DomainError(ErrorCode.ADDRESS_NOT_FOUND, 'No single place was found for that address.', { field: 'address' });
      }
      this.logger.warn({ err: error, provider: this.geocoder.provider }, 'geocoding failed');
      throw new DomainError(ErrorCode.GEOCODING_UNAVAILABLE, 'The geocoder cannot be reached: try again, or give latitude and longitude.');
    }
  }
}
