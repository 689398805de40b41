import { randomBytes } from 'node:crypto';
import {
  authSettingsFromEnv,
  createCaller,
  createContext,
  defaultRateLimits,
  silentLogger,
  type ApiDeps,
  type Env,
} from '@budget/api';
import type { Db } from '@budget/db';

export type ApiCaller = ReturnType<typeof createCaller>;

const adminRequest = { ip: 'budget-admin', userAgent: 'budget-admin' };

/**
 * Signs in as a user through the API's own procedures (createCaller), so an admin script that
 * acts for a user obeys exactly the rules a client does. The signing secret is this process's
 * own: the tokens are good only here, and `signOut` revokes the login.
 */
export async function signIn(
  db: Db,
  env: Env,
  credentials: { email: string; password: string },
): Promise<{ caller: ApiCaller; signOut: () => Promise<void> }> {
  const deps: ApiDeps = {
    db,
    auth: authSettingsFromEnv(env, randomBytes(32)),
    rateLimits: defaultRateLimits,
    version: 'budget-admin',
    exposeInternalErrors: true,
    logger: silentLogger,
  };
  const session = await createCaller(createContext(deps, adminRequest)).auth.login(credentials);
  const caller = createCaller(
    createContext(deps, { ...adminRequest, authorization: `Bearer ${session.accessToken}` }),
  );
  return {
    caller,
    signOut: async () => {
      await caller.auth.logout({ refreshToken: session.refreshToken });
    },
  };
}
