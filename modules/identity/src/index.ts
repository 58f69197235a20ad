import { createAuthService } from './auth-service.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { identityAdminRoutes, identityShopRoutes } from './identity-routes.ts';
import { createUserService } from './user-service.ts';
import { authenticateRequests } from './authenticate-middleware.ts';
import { createMySessions, mySessionRoutes } from './my-sessions.ts';

export { identityErrors, type IdentityErrorCode } from './identity-errors.ts';
export { DEFAULT_LOGIN_POLICY, DEFAULT_SESSION_TTL_MS, type IdentityDeps, type LoginPolicy } from './identity-deps.ts';
export { createOfflineWechatAuth, type WechatAuth, type WechatSession } from './wechat-auth.ts';
export { PERMISSIONS, ROLES, ROLE_NAMES, permissionsOf, scopeOf, isRole, type Permission, type Role } from './domain/roles.ts';
export { hashPassword, verifyPassword, passwordProblem } from './domain/password-policy.ts';
export type { UserView } from './user-view.ts';
export type { AuthService, SignedIn } from './auth-service.ts';
export type { MySession, MySessions } from './my-sessions.ts';
export type { UserService, NewUser, UserPatch, OrganizationView } from './user-service.ts';
export type { IdentityTables } from './identity-tables.ts';
export { ERASED_NAME, type PersonalDataRequestRow } from './personal-data.ts';
import { identityPersonalData } from './personal-data.ts';

/** The identity module: sign-in, sessions, users, roles and organisations. */
export function createIdentityModule(deps: IdentityDeps) {
  const auth = createAuthService(deps);
  const users = createUserService(deps);
  const sessions = createMySessions(deps.db);
  return {
    auth,
    users,
    authenticateConsole: authenticateRequests(auth, 'console'),
    authenticateShop: authenticateRequests(auth, 'shop'),
    sessions,
    adminRoutes: identityAdminRoutes(auth, users).route('/', mySessionRoutes(sessions, 'Identity')),
    shopRoutes: identityShopRoutes(auth).route('/', mySessionRoutes(sessions, 'Shop identity')),
    /** PIPL: the member's own data, its anonymisation, and deletion requests (used by flows/personal-data). */
    personalData: identityPersonalData(deps.pii),
  };
}
export type IdentityModule = ReturnType<typeof createIdentityModule>;
