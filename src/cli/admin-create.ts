import { createInterface } from 'node:readline';
import { loadConfig } from '../config/config';
import { isOperatorProblem } from '../config/operator-problems';
import { migrateDatabase, openDatabase } from '../db/database';
import type { Gender } from '../generated/prisma/client';
import { createLogger } from '../logging/logger';
import { isAcceptablePassword, LOGIN_ID_RULE, normalizeLoginId, normalizeName, PASSWORD_RULE } from '../modules/members/member-rules';
import { MemberService } from '../modules/members/member.service';

const USAGE = 'Usage: npm run admin:create -- <loginId> [--name NAME] [--gender MALE|FEMALE]  (password on stdin)';

class UsageError extends Error {}

function parseArguments(argv: string[]): { loginId: string; name: string; gender: Gender } {
  const [rawLoginId, ...rest] = argv;
  const loginId = rawLoginId ? normalizeLoginId(rawLoginId) : null;
  if (!loginId) throw new UsageError(`${USAGE}\n${LOGIN_ID_RULE}`);
  let name = loginId;
  let gender: Gender = 'MALE';
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1] ?? ''];
    if (flag === '--name' && normalizeName(value)) name = normalizeName(value)!;
    else if (flag === '--gender' && (value === 'MALE' || value === 'FEMALE')) gender = value;
    else throw new UsageError(`${USAGE}\nUnexpected ${flag} ${value}`.trim());
  }
  return { loginId, name, gender };
}

/** The first line of stdin; on a terminal, asked for without echoing it. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  const lines = createInterface({ input, output: input.isTTY ? process.stderr : undefined, terminal: input.isTTY });
  if (input.isTTY) {
    process.stderr.write('Password: ');
    (lines as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  for await (const line of lines) {
    lines.close();
    if (input.isTTY) process.stderr.write('\n');
    return line;
  }
  return '';
}

/** `npm run admin:create -- <loginId>`: adds an admin, or promotes an existing member and sets their password. */
async function main(): Promise<void> {
  const { loginId, name, gender } = parseArguments(process.argv.slice(2));
  const password = await readPassword();
  if (!isAcceptablePassword(password)) throw new UsageError(PASSWORD_RULE);

  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openDatabase(config, logger);
  try {
    await migrateDatabase(database, logger);
    const { created } = await new MemberService(database.prisma, database.read).ensureAdmin({ loginId, password, name, phone: null, gender });
    process.stdout.write(created ? `Created admin ${loginId}.\n` : `${loginId} existed: now an admin, with the new password.\n`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  const expected = error instanceof UsageError || isOperatorProblem(error);
  process.stderr.write(`${expected ? error.message : (error?.stack ?? error)}\n`);
  process.exit(1);
});
