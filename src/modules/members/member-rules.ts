import type { Gender, Role } from '../../generated/prisma/client';
import { badUserInput } from '../../errors/errors';

/** The sign-up rules of api-rules.md ("Sign-up and login"), each in one function. */

const LOGIN_ID = /^[a-z0-9._-]{4,32}$/;
/** What a login id must be, as every refusal of one says it. */
export const LOGIN_ID_RULE = 'loginId must be 4 to 32 characters of a-z, 0-9, ".", "_" or "-".';

/** Login ids compare case-insensitively: they are stored and looked up lower-case. Null when malformed. */
export function normalizeLoginId(raw: string): string | null {
  const loginId = raw.toLowerCase();
  return LOGIN_ID.test(loginId) ? loginId : null;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** What a password must be, as every refusal of one says it. */
export const PASSWORD_RULE = `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;

/** Counted in characters (code points), not UTF-16 units. */
export function isAcceptablePassword(password: string): boolean {
  const length = [...password].length;
  return length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
}

const NAME_MAX_LENGTH = 50;
const NAME_RULE = `name must be 1 to ${NAME_MAX_LENGTH} characters.`;
const PHONE_RULE = 'phone must be 9 to 15 digits, with optional "-" and a leading "+".';
/** Control characters have no place in a name shown to other members. */
const CONTROL_CHARACTERS = /\p{Cc}/u;

export function normalizeName(raw: string): string | null {
  const name = raw.trim();
  const length = [...name].length;
  return length >= 1 && length <= NAME_MAX_LENGTH && !CONTROL_CHARACTERS.test(name) ? name : null;
}

/** Digits with optional hyphens between them and a leading +; 9 to 15 digits. Stored as given. */
export function normalizePhone(raw: string): string | null {
  const phone = raw.trim();
  if (!/^\+?\d+(-\d+)*$/.test(phone)) return null;
  const digits = phone.replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15 ? phone : null;
}

export interface ProfileFields {
  name?: string | null;
  phone?: string | null;
}

/** updateMe: the fields given, each validated as at sign-up (null or absent: unchanged). */
export function validateProfile(input: ProfileFields): { name?: string; phone?: string } {
  const fields: { name?: string; phone?: string } = {};
  if (input.name !== undefined && input.name !== null) {
    const name = normalizeName(input.name);
    if (!name) throw badUserInput('name', NAME_RULE);
    fields.name = name;
  }
  if (input.phone !== undefined && input.phone !== null) {
    const phone = normalizePhone(input.phone);
    if (!phone) throw badUserInput('phone', PHONE_RULE);
    fields.phone = phone;
  }
  return fields;
}

export interface NewMember {
  loginId: string;
  password: string;
  name: string;
  phone: string | null;
  gender: Gender;
}

export interface SignUpFields {
  loginId: string;
  password: string;
  name: string;
  phone: string;
  gender: Gender;
}

/** Checks every field in order and names the first bad one in `extensions.field`. */
export function validateSignUp(input: SignUpFields): NewMember {
  const loginId = normalizeLoginId(input.loginId);
  if (!loginId) throw badUserInput('loginId', LOGIN_ID_RULE);
  if (!isAcceptablePassword(input.password)) throw badUserInput('password', PASSWORD_RULE);
  const name = normalizeName(input.name);
  if (!name) throw badUserInput('name', NAME_RULE);
  const phone = normalizePhone(input.phone);
  if (!phone) throw badUserInput('phone', PHONE_RULE);
  return { loginId, password: input.password, name, phone, gender: input.gender };
}

export interface ImportRowFields {
  loginId: string;
  name: string;
  phone: string;
  gender: Gender;
  role?: Role | null;
}

/** One roster row of importMembers, checked as at sign-up (no password: a reset code sets it). */
export function validateImportRow(row: ImportRowFields): { loginId: string; name: string; phone: string; gender: Gender; role: Role } {
  const loginId = normalizeLoginId(row.loginId);
  if (!loginId) throw badUserInput('loginId', LOGIN_ID_RULE);
  const { name, phone } = validateProfile({ name: row.name, phone: row.phone });
  return { loginId, name: name!, phone: phone!, gender: row.gender, role: row.role ?? 'MEMBER' };
}

/** A roster file's gender column: MALE/FEMALE, M/F, 남/여 or 남자/여자 (any case); null otherwise. */
export function parseRosterGender(raw: string): Gender | null {
  const value = raw.trim().toUpperCase();
  if (['MALE', 'M', '남', '남자'].includes(value)) return 'MALE';
  if (['FEMALE', 'F', '여', '여자'].includes(value)) return 'FEMALE';
  return null;
}

/** A roster file's optional role column: empty or MEMBER/회원, ADMIN/운영진/관리자; null otherwise. */
export function parseRosterRole(raw: string | null | undefined): Role | null {
  const value = (raw ?? '').trim().toUpperCase();
  if (['', 'MEMBER', '회원'].includes(value)) return 'MEMBER';
  if (['ADMIN', '운영진', '관리자'].includes(value)) return 'ADMIN';
  return null;
}
