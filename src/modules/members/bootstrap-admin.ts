import type { Config } from '../../config/config';
import type { Logger } from '../../logging/logger';
import { isAcceptablePassword, LOGIN_ID_RULE, normalizeLoginId, PASSWORD_RULE } from './member-rules';
import type { MemberService } from './member.service';

/** ADMIN_LOGIN_ID/ADMIN_PASSWORD: that admin exists, with that password, after start-up. */
export async function ensureBootstrapAdmin(account: Config['bootstrapAdmin'], members: MemberService, logger: Logger): Promise<void> {
  if (!account) return;
  const loginId = normalizeLoginId(account.loginId);
  if (!loginId) throw new Error(`ADMIN_LOGIN_ID: ${LOGIN_ID_RULE}`);
  if (!isAcceptablePassword(account.password)) throw new Error(`ADMIN_PASSWORD: ${PASSWORD_RULE}`);
  const { created } = await members.ensureAdmin({ loginId, password: account.password, name: loginId, phone: null, gender: 'MALE' });
  logger.info({ loginId, created }, created ? 'admin created' : 'admin ensured');
}
