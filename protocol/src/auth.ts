import { z } from 'zod';
import { idSchema, roleSchema, languageSchema } from './agenda.ts';

/** Passwords: long enough to matter, short enough not to be a hashing DoS. */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(256);
export const emailSchema = z.email().max(254).transform((e) => e.toLowerCase());

export const signUpSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: z.string().trim().min(1).max(100),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.strictObject({ email: emailSchema, password: z.string().min(1).max(256) });
export type SignInInput = z.input<typeof signInSchema>;

/** The signed-in person, as they see themselves. */
export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  displayName: z.string(),
  locale: languageSchema.nullable(),
});
export type User = z.infer<typeof userSchema>;

/** Who is asking: the user (or null) and their role per event. */
export const meSchema = z.object({
  user: userSchema.nullable(),
  memberships: z.array(z.object({ eventSlug: z.string(), role: roleSchema })),
});
export type Me = z.infer<typeof meSchema>;
