import { randomBytes } from 'node:crypto';
import { dataOf } from '../../../../tests/support/graphql-client';
import { SignUpDocument } from '../../../../tests/support/operations.generated';
import type { TestServer } from '../../../../tests/support/test-server';
import type { Gender } from '../../../generated/prisma/client';

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

export async function signUpMember(
  server: TestServer,
  overrides: Partial<{ loginId: string; password: string; name: string; phone: string; gender: Gender; joinCode: string }> = {},
): Promise<SignedUpMember> {
  const input = {
    loginId: uniqueLoginId(),
    password: 'correct horse battery',
    name: 'Test Member',
    phone: '010-1234-5678',
    gender: 'MALE' as Gender,
    ...overrides,
  };
  const { signUp } = dataOf(await server.request(SignUpDocument, { input }));
  return { id: signUp.member.id, loginId: signUp.member.loginId, password: input.password, token: signUp.token };
}

/** A member made admin directly in the database, as an operator would with admin:create. */
export async function signUpAdmin(server: TestServer): Promise<SignedUpMember> {
  const admin = await signUpMember(server, { loginId: uniqueLoginId('admin') });
  await server.app.database.prisma.member.update({ where: { id: admin.id }, data: { role: 'ADMIN' } });
  return admin;
}
