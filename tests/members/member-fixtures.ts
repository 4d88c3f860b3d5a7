import { randomBytes } from 'node:crypto';
import { dataOf } from '../support/graphql-client';
import { SignUpDocument } from '../support/operations.generated';
import type { TestServer } from '../support/test-server';
import type { Gender } from '../../src/generated/prisma/client';

let counter = 0;
/** A login id no other test uses: 4–32 characters of a-z 0-9 . _ - */
export function uniqueLoginId(prefix = 'member'): string {
  counter += 1;
  return `${prefix.slice(0, 12)}.${counter}.${randomBytes(4).toString('hex')}`;
}

export interface SignedUpMember {
  id: string;
  loginId: string;
  password: string;
  token: string;
}

type SignUpFields = { loginId: string; password: string; name: string; phone: string; gender: Gender; joinCode?: string };

/** A valid signUp input with a login id no other test uses. */
export function signUpInput(overrides: Partial<SignUpFields> = {}): SignUpFields {
  return { loginId: uniqueLoginId(), password: 'correct horse battery', name: 'Test Member', phone: '010-1234-5678', gender: 'MALE', ...overrides };
}

export async function signUpMember(server: TestServer, overrides: Partial<SignUpFields> = {}): Promise<SignedUpMember> {
  const input = signUpInput(overrides);
  const { signUp } = dataOf(await server.request(SignUpDocument, { input }));
  return { id: signUp.member.id, loginId: signUp.member.loginId, password: input.password, token: signUp.token };
}

/** A member made admin directly in the database, as an operator would with admin:create. */
export async function signUpAdmin(server: TestServer): Promise<SignedUpMember> {
  const admin = await signUpMember(server, { loginId: uniqueLoginId('admin') });
  await server.app.database.prisma.member.update({ where: { id: admin.id }, data: { role: 'ADMIN' } });
  return admin;
}
