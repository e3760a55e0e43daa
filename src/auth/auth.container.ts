import type { Db } from '../db/client';
import type { ReferenceRepository } from '../intake/reference.repository';
import { AccountService } from './account.service';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { AuditRepository } from './audit.repository';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { UserRepository } from './user.repository';

/** Accounts, sessions, API keys and the audit trail over one database. */
export function createAuthServices(db: Db, reference: ReferenceRepository) {
  const audit = new AuditRepository(db);
  const accounts = new AccountService({ users: new UserRepository(db), reference });
  return {
    audit,
    accounts,
    sessions: new SessionService({ sessions: new SessionRepository(db), accounts, audit }),
    apiKeys: new ApiKeyService({ apiKeys: new ApiKeyRepository(db), audit }),
  };
}

export type AuthServices = ReturnType<typeof createAuthServices>;
