import { z } from 'zod';
import { checkbox, isoDay, optionalIsoDay, optionalText, requiredText, wholeNumber } from '../../platform/http/form-fields.ts';
import { contactsFrom, CONTACT_ROWS } from '../partners/partners.input.ts';

const contactShape: Record<string, z.ZodType> = {};
for (let i = 0; i < CONTACT_ROWS; i++) {
  for (const part of ['Name', 'Role', 'Email', 'Phone']) contactShape[`contact${part}${i}`] = optionalText(`contact ${part.toLowerCase()}`, part === 'Email' ? 254 : 100);
}

export const agreementForm = z
  .object({
    institutionId: z.string({ error: 'Choose the university' }).uuid('Choose the university'),
    partnerId: z.string({ error: 'Choose the partner' }).uuid('Choose the partner'),
    title: requiredText('a title', 200),
    signedOn: optionalIsoDay('signed date'),
    validFrom: isoDay('the date the agreement starts'),
    validTo: isoDay('the date the agreement ends'),
    renewalReminderOn: optionalIsoDay('renewal reminder date'),
    quotaPerRound: wholeNumber('the quota of posts per round', 1, 500),
    exclusive: checkbox,
    minDurationMonths: wholeNumber('the shortest internship in months', 1, 24),
    maxDurationMonths: wholeNumber('the longest internship in months', 1, 24),
    notes: optionalText('notes', 5000),
    ...contactShape,
  })
  .transform((d) => ({
    institutionId: d.institutionId,
    partnerId: d.partnerId,
    title: d.title,
    signedOn: d.signedOn,
    validFrom: d.validFrom,
    validTo: d.validTo,
    renewalReminderOn: d.renewalReminderOn,
    quotaPerRound: d.quotaPerRound,
    exclusive: d.exclusive,
    minDurationMonths: d.minDurationMonths,
    maxDurationMonths: d.maxDurationMonths,
    notes: d.notes,
    contacts: contactsFrom(d),
  }));
export type AgreementForm = z.infer<typeof agreementForm>;
