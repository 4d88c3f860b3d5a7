import { badUserInput } from '../../errors/errors';
import { validText } from '../../validation/text';

/** The season rules of api-rules.md ("Seasons"), each in one function. */

const MAX_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeasonFields {
  name: string;
  startsAt: Date;
  endsAt: Date;
}

/** A season is [startsAt, endsAt), at most 400 days, its name 1–50 characters (trimmed). */
export function validateSeason(input: SeasonFields): SeasonFields {
  const name = validText('name', input.name, { min: 1, max: 50 });
  const span = input.endsAt.getTime() - input.startsAt.getTime();
  if (span <= 0) throw badUserInput('endsAt', 'endsAt must be after startsAt.');
  if (span > MAX_DAYS * DAY_MS) throw badUserInput('endsAt', `A season lasts at most ${MAX_DAYS} days.`);
  return { name, startsAt: input.startsAt, endsAt: input.endsAt };
}

/** What a figure is asked for over: a season, or a window [from, to) open at either end. */
export interface FigureScope {
  seasonId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** A season, or from and to, not both (BAD_USER_INPUT, field seasonId); from before to. */
export function validateScope<S extends FigureScope>(scope: S): S {
  if (scope.seasonId && (scope.from || scope.to)) throw badUserInput('seasonId', 'Ask for a season, or for from and to, not both.');
  if (scope.from && scope.to && scope.from.getTime() >= scope.to.getTime()) throw badUserInput('to', 'to must be after from.');
  return scope;
}

/** What a season-scoped figure counts: events (and penalties) whose time is in [from, to); null is all time. */
export type SeasonWindow = { from: Date; to: Date } | null;

/** A window's name, for remembering per-season loaders within a request. */
export const windowKey = (window: SeasonWindow) => (window ? `${window.from.toISOString()}/${window.to.toISOString()}` : 'all');

export const contains = (season: { startsAt: Date; endsAt: Date }, at: Date) =>
  season.startsAt.getTime() <= at.getTime() && at.getTime() < season.endsAt.getTime();

/**
 * The season figures count when none is named: the current one; between seasons, the latest that
 * has ended; with no season yet begun, all time (as before seasons existed).
 */
export function defaultSeason<S extends { startsAt: Date; endsAt: Date }>(seasons: S[], now: Date): S | null {
  const current = seasons.find((season) => contains(season, now));
  if (current) return current;
  const ended = seasons.filter((season) => season.endsAt.getTime() <= now.getTime());
  return ended.reduce<S | null>((latest, season) => (latest && latest.endsAt >= season.endsAt ? latest : season), null);
}
