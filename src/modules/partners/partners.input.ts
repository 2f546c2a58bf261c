import { z } from 'zod';
import { optionalText, optionalUrl, requiredText, decimalNumber } from '../../platform/http/form-fields.ts';
import { organisationKinds, type Contact } from './partners.tables.ts';

export const CONTACT_ROWS = 3;

const contactEmail = z
  .string()
  .trim()
  .max(254, 'Contact e-mail must be 254 characters or fewer')
  .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a contact e-mail address in the correct format, like name@example.org')
  .optional()
  .transform((v) => v ?? '');

// Contacts arrive as numbered rows (contactName0, contactRole0 …); empty rows are dropped.
export function contactFields() {
  const shape: Record<string, z.ZodType> = {};
  for (let i = 0; i < CONTACT_ROWS; i++) {
    shape[`contactName${i}`] = optionalText('contact name', 100);
    shape[`contactRole${i}`] = optionalText('contact role', 100);
    shape[`contactEmail${i}`] = contactEmail;
    shape[`contactPhone${i}`] = optionalText('contact phone', 40);
  }
  return shape;
}

export function contactsFrom(data: Record<string, unknown>): Contact[] {
  const contacts: Contact[] = [];
  for (let i = 0; i < CONTACT_ROWS; i++) {
    const contact = {
      name: String(data[`contactName${i}`] ?? ''),
      role: String(data[`contactRole${i}`] ?? ''),
      email: String(data[`contactEmail${i}`] ?? ''),
      phone: String(data[`contactPhone${i}`] ?? ''),
    };
    if (contact.name || contact.email || contact.phone) contacts.push(contact);
  }
  return contacts;
}

export const organisationForm = z
  .object({
    kind: z.enum(organisationKinds, { error: 'Choose what kind of organisation this is' }),
    name: requiredText('the organisation’s name', 200),
    shortName: requiredText('a short name', 30),
    website: optionalUrl('website'),
    ...contactFields(),
  })
  .transform((data) => ({ kind: data.kind, name: data.name, shortName: data.shortName, website: data.website, contacts: contactsFrom(data) }));
export type OrganisationForm = z.infer<typeof organisationForm>;

export const officeForm = z.object({
  name: requiredText('the office’s name', 200),
  servesCountry: requiredText('the country the office serves', 2).toUpperCase(),
  city: requiredText('the city', 100),
  country: requiredText('the country', 2).toUpperCase(),
  latitude: decimalNumber('latitude', -90, 90),
  longitude: decimalNumber('longitude', -180, 180),
  timeZone: requiredText('the time zone', 64),
  address: optionalText('address', 500),
  privateNotes: optionalText('private notes', 2000),
});
export type OfficeForm = z.infer<typeof officeForm>;

export const unitForm = z.object({ name: requiredText('the unit’s name', 150) });
