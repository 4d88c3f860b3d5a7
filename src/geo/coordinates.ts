import { badUserInput } from '../errors/errors';
import type { Coordinates } from './haversine';

/** The range rule for any position the API is given: latitude -90 to 90, longitude -180 to 180. */
export function validCoordinates(position: Coordinates): Coordinates {
  if (!(position.latitude >= -90 && position.latitude <= 90)) throw badUserInput('latitude', 'latitude must be from -90 to 90.');
  if (!(position.longitude >= -180 && position.longitude <= 180)) throw badUserInput('longitude', 'longitude must be from -180 to 180.');
  return position;
}
