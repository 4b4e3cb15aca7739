import { z } from 'zod';
import { DISPLAY_NAME_MAX_LENGTH } from './limits.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'inkwell_session';

export const emailSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH, `E-mail must be at most ${EMAIL_MAX_LENGTH} characters`)
  .pipe(z.email('Enter a valid e-mail address'));

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your name')
  .max(DISPLAY_NAME_MAX_LENGTH, `Name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`);

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const registerBodySchema = z.object({ email: emailSchema, password: passwordSchema, name: displayNameSchema }).strict();
export type RegisterBody = z.input<typeof registerBodySchema>;

// Login checks only the shape: a wrong password and an unknown e-mail look the same (401).
export const loginBodySchema = z
  .object({
    email: z.string().trim().min(1, 'Enter your e-mail').max(EMAIL_MAX_LENGTH),
    password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX_LENGTH),
  })
  .strict();
export type LoginBody = z.input<typeof loginBodySchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  color: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({ user: userSchema });

// The settings page (docs/protocol.md "Account settings"): the same name rules as registration.
export const updateMeBodySchema = z.object({ name: displayNameSchema }).strict();
export type UpdateMeBody = z.input<typeof updateMeBodySchema>;

// The current password is only checked for shape: a wrong one is 403, never a 400 that
// would hint at its rules. The new one follows registration's rules.
export const changePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH),
    newPassword: passwordSchema,
  })
  .strict();
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
