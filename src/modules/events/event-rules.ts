import { badUserInput } from '../../errors/errors';
import type { Audience, Gender } from '../../generated/prisma/client';
import type { Viewer } from '../../auth/viewer';
import { validCoordinates } from '../../geo/coordinates';
import { validText } from '../../validation/text';

/** The event rules of api-rules.md ("Events"), each in one function. */

/** Whether an event for `audience` is for a member of `gender`. */
export function audienceIncludes(audience: Audience, gender: Gender): boolean {
  return audience === 'ALL' || audience === gender;
}

/** The audiences whose events a viewer may see: admins every one, a member ALL and their own. */
export function audiencesVisibleTo(viewer: Viewer): Audience[] | 'every' {
  return viewer.role === 'ADMIN' ? 'every' : ['ALL', viewer.gender];
}

/** The genders an audience admits. */
export function gendersOf(audience: Audience): Gender[] {
  return audience === 'ALL' ? ['MALE', 'FEMALE'] : [audience];
}

export const MAX_EVENT_DURATION_MS = 24 * 60 * 60 * 1000;
export const MAX_FEE = 1_000_000;

export interface EventFields {
  title: string;
  description: string | null;
  address: string;
  audience: Audience;
  fee: number;
  startsAt: Date;
  endsAt: Date;
}

/** Checks a whole event (created, or as an update would leave it) and returns it tidied. */
export function validateEventFields(fields: EventFields): EventFields {
  const title = validText('title', fields.title, { min: 1, max: 100 });
  const address = validText('address', fields.address, { min: 1, max: 200 });
  const description =
    fields.description === null ? null : validText('description', fields.description, { min: 0, max: 2000, multiLine: true }) || null;
  if (!Number.isInteger(fields.fee) || fields.fee < 0 || fields.fee > MAX_FEE) {
    throw badUserInput('fee', `fee must be a whole number of won from 0 to ${MAX_FEE.toLocaleString('en')}.`);
  }
  if (fields.endsAt.getTime() <= fields.startsAt.getTime()) throw badUserInput('endsAt', 'endsAt must be after startsAt.');
  if (fields.endsAt.getTime() - fields.startsAt.getTime() > MAX_EVENT_DURATION_MS) {
    throw badUserInput('endsAt', 'An event lasts at most 24 hours.');
  }
  return { ...fields, title, address, description };
}

/** Coordinates come both or neither; each within its range. Undefined when neither is given. */
export function validateCoordinates(latitude: number | null | undefined, longitude: number | null | undefined) {
  const hasLatitude = latitude !== null && latitude !== undefined;
  const hasLongitude = longitude !== null && longitude !== undefined;
  if (!hasLatitude && !hasLongitude) return undefined;
  if (!hasLatitude) throw badUserInput('latitude', 'Give latitude and longitude together, or neither.');
  if (!hasLongitude) throw badUserInput('longitude', 'Give latitude and longitude together, or neither.');
  return validCoordinates({ latitude, longitude });
}
