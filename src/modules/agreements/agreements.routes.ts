import { actorOf } from '../../platform/auth/actor.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatBytes } from '../../platform/files/file-names.ts';
import type { FileService } from '../../platform/files/file-service.ts';
import { sendStoredFile } from '../../platform/files/send-stored-file.ts';
import { uploadedFile } from '../../platform/files/uploads.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { contactValues } from '../../platform/views/contacts.tsx';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import type { RoundsService } from '../rounds/rounds.service.ts';
import { agreementStatuses } from './agreement-status.ts';
import { agreementForm, type AgreementForm } from './agreements.input.ts';
import type { Agreement } from './agreements.repo.ts';
import type { AgreementsService } from './agreements.service.ts';
import { AgreementFormPage, AgreementPage, AgreementsPage } from './views/agreement-pages.tsx';

const staff = ['staff', 'admin'] as const;
const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
const statusQuery = z.object({ status: z.enum(agreementStatuses).optional().catch(undefined) });


function agreementValues(a: Agreement): FieldValues {
  const values: FieldValues = {
    institutionId: a.institutionId,
    partnerId: a.partnerId,
    title: a.title,
    signedOn: a.signedOn ?? '',
    validFrom: a.validFrom,
    validTo: a.validTo,
    renewalReminderOn: a.renewalReminderOn ?? '',
    quotaPerRound: String(a.quotaPerRound),
    minDurationMonths: String(a.minDurationMonths),
    maxDurationMonths: String(a.maxDurationMonths),
    exclusive: a.exclusive ? 'on' : '',
    notes: a.notes,
    ...contactValues(a.contacts),
  };
  return values;
}

export async function agreementsRoutes(app: FastifyInstance, opts: { agreements: AgreementsService; rounds: RoundsService; files: FileService }): Promise<void> {
  const { agreements, rounds, files } = opts;

  async function renderForm(reply: FastifyReply, frame: { action: string; title: string; hasDocument: boolean }, values: FieldValues, errors: FieldErrors, status = 200) {
    const choices = await agreements.choices();
    return reply.render((ctx) => AgreementFormPage({ ctx, ...frame, values, errors, universities: choices.universities, partners: choices.partners }), status);
  }

  // The form and its optional PDF: the file is checked by content and stored only when the rest is valid.
  async function save(request: FastifyRequest, reply: FastifyReply, frame: { action: string; title: string; hasDocument: boolean }, write: (form: AgreementForm, documentFileId: string | null) => Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }>) {
    const actor = actorOf(request);
    const form = parseForm(agreementForm, request.body);
    const upload = uploadedFile(request, 'document');
    const uploadError = upload?.tooLarge ? upload.message : undefined;
    if (!form.ok || uploadError) return renderForm(reply, frame, form.values, { ...(form.ok ? {} : form.errors), ...(uploadError ? { document: uploadError } : {}) }, 400);
    let documentFileId: string | null = null;
    let stored: Awaited<ReturnType<FileService['adopt']>> | undefined;
    if (upload && !upload.tooLarge && upload.size > 0) {
      stored = await files.adopt(upload, { kind: 'pdf', createdBy: actor.id });
      if (!stored.ok) return renderForm(reply, frame, form.values, { document: stored.message }, 400);
      documentFileId = stored.file.id;
    }
    const result = await write(form.data, documentFileId);
    if (!result.ok) {
      // nothing half-saved: the stored document goes with the refused form
      if (stored?.ok) await files.discard(stored.file);
      return renderForm(reply, frame, form.values, result.errors, 400);
    }
    return reply.notice('Agreement saved.').redirect(`/agreements/${result.id}`, 303);
  }

  app.get('/agreements', { config: { access: staff } }, async (request, reply) => {
    const { status } = statusQuery.parse(request.query ?? {});
    const list = await agreements.list(actorOf(request), status);
    return reply.render((ctx) => AgreementsPage({ ctx, agreements: list, status }));
  });

  app.get('/agreements/new', { config: { access: staff } }, async (_request, reply) => renderForm(reply, { action: '/agreements', title: 'Add an agreement', hasDocument: false }, {}, {}));

  app.post('/agreements', { config: { access: staff, upload: { maxFileBytes: DOCUMENT_MAX_BYTES } } }, async (request, reply) =>
    save(request, reply, { action: '/agreements', title: 'Add an agreement', hasDocument: false }, async (form, documentFileId) => {
      const result = await agreements.create(actorOf(request), form, request.ip, documentFileId);
      return result.ok ? { ok: true, id: result.agreement.id } : result;
    }),
  );

  app.get('/agreements/:id', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const agreement = await agreements.get(actor, idParam(request.params));
    const file = agreement.documentFileId ? await files.findById(agreement.documentFileId) : undefined;
    const roundList = await rounds.listForAgreement(actor, agreement.id);
    return reply.render((ctx) =>
      AgreementPage({ ctx, agreement, document: file ? { name: file.originalName, size: formatBytes(file.sizeBytes) } : null, rounds: roundList.map((r) => ({ id: r.id, name: r.name, phase: r.phaseName })) }),
    );
  });

  app.get('/agreements/:id/edit', { config: { access: staff } }, async (request, reply) => {
    const agreement = await agreements.get(actorOf(request), idParam(request.params));
    return renderForm(reply, { action: `/agreements/${agreement.id}`, title: `Edit ${agreement.title}`, hasDocument: agreement.documentFileId !== null }, agreementValues(agreement), {});
  });

  app.post('/agreements/:id', { config: { access: staff, upload: { maxFileBytes: DOCUMENT_MAX_BYTES } } }, async (request, reply) => {
    const agreement = await agreements.get(actorOf(request), idParam(request.params));
    return save(request, reply, { action: `/agreements/${agreement.id}`, title: `Edit ${agreement.title}`, hasDocument: agreement.documentFileId !== null }, async (form, documentFileId) => {
      const result = await agreements.update(actorOf(request), agreement.id, form, request.ip, documentFileId);
      return result.ok ? { ok: true, id: agreement.id } : result;
    });
  });

  app.get('/agreements/:id/document', { config: { access: staff } }, async (request, reply) => {
    const agreement = await agreements.get(actorOf(request), idParam(request.params));
    const file = agreement.documentFileId ? await files.findById(agreement.documentFileId) : undefined;
    if (!file) return reply.callNotFound();
    return sendStoredFile(reply, file, files.store);
  });
}
