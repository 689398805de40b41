import { z } from 'zod';
import {
  changePasswordInput,
  deleteAccountInput,
  loginInput,
  logoutInput,
  refreshInput,
  registerInput,
  sessionSchema,
  updateProfileInput,
  userSchema,
} from '../schemas/auth.ts';
import { noInput } from '../schemas/common.ts';
import * as auth from '../services/auth/auth.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

const ok = z.object({ ok: z.literal(true) });

export const authRouter = router({
  register: publicProcedure
    .input(registerInput)
    .output(sessionSchema)
    .mutation(({ ctx, input }) => auth.register(ctx, input)),
  login: publicProcedure
    .input(loginInput)
    .output(sessionSchema)
    .mutation(({ ctx, input }) => auth.login(ctx, input)),
  refresh: publicProcedure
    .input(refreshInput)
    .output(sessionSchema)
    .mutation(({ ctx, input }) => auth.refresh(ctx, input)),
  logout: protectedProcedure
    .input(logoutInput)
    .output(ok)
    .mutation(({ ctx, input }) => auth.logout(ctx, input)),
  logoutAll: protectedProcedure
    .input(noInput)
    .output(z.object({ revoked: z.number().int() }))
    .mutation(({ ctx }) => auth.logoutAll(ctx)),
  me: protectedProcedure
    .input(noInput)
    .output(userSchema)
    .query(({ ctx }) => auth.me(ctx)),
  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .output(userSchema)
    .mutation(({ ctx, input }) => auth.updateProfile(ctx, input)),
  changePassword: protectedProcedure
    .input(changePasswordInput)
    .output(sessionSchema)
    .mutation(({ ctx, input }) => auth.changePassword(ctx, input)),
  deleteAccount: protectedProcedure
    .input(deleteAccountInput)
    .output(ok)
    .mutation(({ ctx, input }) => auth.deleteAccount(ctx, input)),
});
