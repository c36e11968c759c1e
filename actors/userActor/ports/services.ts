// Everything the user actor's handlers and reactions may ask of the world besides their own state: ports only,
// wired by ops/ (real read models) or by tests (in-memory twins).
import type { UserId } from '../../../domain/user/index.js';
import { createMemoryUserDirectory, type UserDirectory } from './userDirectory.js';
import { createMemoryAdminDesk, type AdminDesk, type SafetyMetrics } from './adminDesk.js';

export interface UserActorServices {
  readonly directory: UserDirectory;
  /** Telegram ids from ADMIN_TELEGRAM_IDS. */
  readonly admins: ReadonlySet<UserId>;
  /** The admin commands' read side (/stats, /feedbacks, /reports). */
  readonly adminDesk: AdminDesk;
  /** Counts rate-limited updates; absent: the guard logs nothing and counts nothing. */
  readonly safetyMetrics?: SafetyMetrics;
}

export const memoryServices = (overrides: Partial<UserActorServices> = {}): UserActorServices => ({
  directory: createMemoryUserDirectory(),
  admins: new Set(),
  adminDesk: createMemoryAdminDesk(),
  ...overrides,
});
