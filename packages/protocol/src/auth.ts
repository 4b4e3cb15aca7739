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
