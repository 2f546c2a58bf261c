import { z } from 'zod';
import { checkbox, isoDay, optionalIsoDay, optionalText, requiredText, wholeNumber } from '../../platform/http/form-fields.ts';
import { contactFields, contactsFrom } from '../partners/partners.input.ts';

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
    ...contactFields(),
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
