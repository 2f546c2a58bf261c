import { z } from 'zod';
import { PASSWORD_MAX } from './passwords.ts';
import { roles } from './roles.ts';

// Text fields: trimmed, bounded, and a clear message for each way they can be wrong.
const name = z
  .string({ error: 'Enter your full name' })
  .trim()
  .min(1, 'Enter your full name')
  .max(100, 'Name must be 100 characters or fewer')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Name must not contain control characters');

export const emailField = z
  .string({ error: 'Enter an e-mail address' })
  .trim()
  .min(1, 'Enter an e-mail address')
  .max(254, 'E-mail address must be 254 characters or fewer')
  .pipe(z.email('Enter an e-mail address in the correct format, like name@example.ac.uk'))
  .transform((v) => v.toLowerCase());

// Length and content are checked by the password policy, which knows the context.
const password = z
  .string({ error: 'Enter a password' })
  .min(1, 'Enter a password')
  .max(PASSWORD_MAX * 4, `Password must be ${PASSWORD_MAX} characters or fewer`);

export const registrationForm = z.object({ name, email: emailField, password });
export type RegistrationForm = z.infer<typeof registrationForm>;

export const signInForm = z.object({
  email: emailField,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000, 'Enter your password'),
  next: z.string().max(500).optional(),
});

export const forgotPasswordForm = z.object({ email: emailField });

export const newPasswordForm = z.object({ token: z.string().min(1).max(200), password });

export const invitationAcceptForm = z.object({ token: z.string().min(1).max(200), name, password });

export const changePasswordForm = z.object({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1000),
  password,
});

export const profileForm = z.object({ name });

// The zone the user reads times in (interviews, offers); empty: the university's zone.
const supportedTimeZones = new Set(Intl.supportedValuesOf('timeZone'));
// the list holds one name per zone (Asia/Calcutta); its other IANA names (Asia/Kolkata) resolve to it
function isSupportedTimeZone(value: string): boolean {
  if (supportedTimeZones.has(value)) return true;
  try {
    return /^[A-Za-z_]+\/[A-Za-z_/+-]+$/.test(value) && supportedTimeZones.has(new Intl.DateTimeFormat('en-GB', { timeZone: value }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}
export const timeZoneForm = z.object({
  timeZone: z
    .string({ error: 'Choose a time zone' })
    .trim()
    .max(100, 'Choose a time zone from the list')
    .refine((v) => v === '' || isSupportedTimeZone(v), 'Choose a time zone from the list, like Europe/London or Asia/Kolkata')
    .transform((v) => (v === '' ? null : v)),
});

export const roleField = z.enum(roles, { error: 'Choose a role' });

export const invitationForm = z.object({
  name,
  email: emailField,
  role: roleField,
  organisationId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[0-9a-f-]{36}$/i.test(v), 'Choose an organisation from the list'),
});

export const rolesForm = z.object({
  roles: z
    .union([roleField, z.array(roleField)], { error: 'Choose at least one role' })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .refine((v) => v.length > 0, 'Choose at least one role'),
});

export const userListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: roleField.optional().catch(undefined),
  status: z.enum(['active', 'disabled', 'invited']).optional().catch(undefined),
  sort: z.enum(['name', 'email', 'created']).catch('name'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
