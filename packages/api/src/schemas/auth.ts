import { z } from 'zod';
import { currencySchema, isoTimestampSchema, plainText, uuidSchema } from './common.ts';

export const emailSchema = z.string().trim().max(254).pipe(z.email('expected an email address'));

/** 12 to 128 characters, used exactly as typed: never trimmed nor truncated. */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(128, 'must be at most 128 characters');

/** An IANA time zone name such as Europe/Berlin, stored in its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][\w+-]*(\/[\w+-]+)*$/, 'expected an IANA time zone such as Europe/Berlin')
  .transform((name, ctx) => {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'unknown IANA time zone' });
      return z.NEVER;
    }
  });

export const displayNameSchema = plainText().trim().min(1).max(100);

export const registerInput = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema.optional(),
  currency: currencySchema.optional(),
});

export const loginInput = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(128),
});

export const refreshTokenSchema = z.string().min(1).max(512);

export const refreshInput = z
  .strictObject({ refreshToken: refreshTokenSchema.optional() })
  .optional()
  .transform((input) => input ?? {});

export const logoutInput = refreshInput;

export const updateProfileInput = z.strictObject({
  displayName: displayNameSchema.optional(),
  currency: currencySchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

export const deleteAccountInput = z.strictObject({
  password: z.string().min(1).max(128),
});

export const userSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  displayName: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  createdAt: isoTimestampSchema,
});

export const sessionSchema = z.object({
  user: userSchema,
  accessToken: z.string(),
  accessTokenExpiresAt: isoTimestampSchema,
  refreshToken: z.string(),
  refreshTokenExpiresAt: isoTimestampSchema,
});

export type User = z.output<typeof userSchema>;
export type Session = z.output<typeof sessionSchema>;
export type RegisterInput = z.output<typeof registerInput>;
export type LoginInput = z.output<typeof loginInput>;
export type UpdateProfileInput = z.output<typeof updateProfileInput>;
export type ChangePasswordInput = z.output<typeof changePasswordInput>;
