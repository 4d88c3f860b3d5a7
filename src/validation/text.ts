import { badUserInput } from '../errors/errors';

/** Control characters have no place in what members read; multi-line text keeps its line breaks and tabs. */
const SINGLE_LINE_FORBIDDEN = /\p{Cc}/u;
const MULTI_LINE_FORBIDDEN = /[^\P{Cc}\n\r\t]/u;

/**
 * Free text as the API stores it: trimmed, `min` to `max` characters (code points), no control
 * characters. Anything else is BAD_USER_INPUT naming `field`.
 */
export function validText(field: string, value: string, limits: { min: number; max: number; multiLine?: boolean }): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < limits.min || length > limits.max) {
    throw badUserInput(field, limits.min > 0 ? `${field} must be ${limits.min} to ${limits.max} characters.` : `${field} must be at most ${limits.max} characters.`);
  }
  if ((limits.multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(trimmed)) {
    throw badUserInput(field, `${field} cannot contain control characters.`);
  }
  return trimmed;
}
