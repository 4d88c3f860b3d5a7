import { badUserInput } from '../../errors/errors';
import { validText } from '../../validation/text';

export interface ClubSettingsFields {
  name: string;
  joinCode?: string | null;
}

/** The club's name, 1–40 characters; its join code 4–64 characters, or none (anyone may sign up). */
export function validateClubSettings(input: ClubSettingsFields): { name: string; joinCode: string | null } {
  const name = validText('clubName', input.name, { min: 1, max: 40 });
  const rawJoinCode = input.joinCode?.trim() ?? '';
  if (rawJoinCode === '') return { name, joinCode: null };
  const joinCode = validText('joinCode', rawJoinCode, { min: 4, max: 64 });
  if (/\s/.test(joinCode)) throw badUserInput('joinCode', 'joinCode cannot contain spaces.');
  return { name, joinCode };
}
