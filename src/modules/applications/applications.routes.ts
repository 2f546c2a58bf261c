import { actorOf, type Actor } from '../../platform/auth/actor.ts';
import type { FastifyInstance } from 'fastify';
import { sendStoredFile } from '../../platform/files/send-stored-file.ts';
import type { FileService } from '../../platform/files/file-service.ts';
import { uploadedFile } from '../../platform/files/uploads.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import { formValues, parseApplicationForm, withdrawReason } from './applications.input.ts';
import { CV_MAX_BYTES, type ApplicationsService } from './applications.service.ts';
import { ApplicationPage, ApplicationsListPage, StartPage, WithdrawPage, type FormState } from './views/ApplicationPages.tsx';

export interface ApplicationsRoutesOptions {
  applications: ApplicationsService;
  files: FileService;
  // whether the application has interviews to book or see (the selection module's answer)
  interviews?: { hasInterviews(actor: Actor, applicationId: string): Promise<boolean> };
}

const studentsOnly = ['student'] as const;
// the CV: its student, and the programme team
const cvReaders = ['student', 'staff', 'admin'] as const;


export async function applicationsRoutes(app: FastifyInstance, opts: ApplicationsRoutesOptions): Promise<void> {
  const { applications } = opts;

  app.get('/applications', { config: { access: studentsOnly } }, async (request, reply) => {
    const rows = await applications.listMine(actorOf(request));
    return reply.render((ctx) => ApplicationsListPage({ ctx, rows }));
  });

  // the student's application for the round, or the page to start one (a GET creates nothing)
  app.get('/rounds/:id/apply', { config: { access: studentsOnly } }, async (request, reply) => {
    const { round, application, open } = await applications.forRound(actorOf(request), idParam(request.params));
    if (application && application.status !== 'withdrawn') return reply.redirect(`/applications/${application.id}`, 303);
    return reply.render((ctx) => StartPage({ ctx, round, open, withdrawn: application }));
  });

  app.post('/rounds/:id/apply', { config: { access: studentsOnly } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const result = await applications.start(actor, roundId, requestMeta(request));
    if (result.ok) return reply.redirect(`/applications/${result.id}`, 303);
    const { round, application, open } = await applications.forRound(actor, roundId);
    const problem = result.reason === 'closed' ? 'The deadline for this round has passed.' : 'Applications to this round have not opened yet.';
    return reply.render((ctx) => StartPage({ ctx, round, open, withdrawn: application, problem }), 409);
  });

  app.get('/applications/:id', { config: { access: studentsOnly } }, async (request, reply) => {
    const view = await applications.view(actorOf(request), idParam(request.params));
    const form: FormState = { values: formValues(view.application.statement, view.choices, view.answers, view.funding), errors: {}, problems: [], needsProfile: false, deadlinePassed: false };
    const interviews = (await opts.interviews?.hasInterviews(actorOf(request), view.application.id)) ?? false;
    return reply.render((ctx) => ApplicationPage({ ctx, view, form, interviews }));
  });

  app.post('/applications/:id', { config: { access: studentsOnly, upload: { maxFileBytes: CV_MAX_BYTES } } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const form = parseApplicationForm(request.body);
    const result = await applications.save(actor, id, form, uploadedFile(request, 'cv'), requestMeta(request));
    if (result.ok) {
      return reply.notice(result.submitted ? 'Your application has been submitted. We have sent you a receipt by e-mail.' : 'Your application has been saved. You can come back to it later.').redirect(`/applications/${id}`, 303);
    }
    if (result.reason === 'not-draft') return reply.notice('This application is not a draft: reopen it to make changes.').redirect(`/applications/${id}`, 303);
    const view = await applications.view(actor, id);
    const values = formValues(form.statement, []);
    for (const [key, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
      if (/^(choice\d{1,2}|motivation\d{1,2}|answer_[0-9a-f-]{36}|funding_[A-Za-z]{1,40})$/.test(key) && typeof value === 'string') values[key] = value.slice(0, 5000);
    }
    const state: FormState = {
      values,
      errors: result.reason === 'invalid' ? result.errors : {},
      problems: result.reason === 'incomplete' ? result.problems : [],
      needsProfile: result.reason === 'incomplete' && result.needsProfile,
      deadlinePassed: result.reason === 'deadline',
    };
    return reply.render((ctx) => ApplicationPage({ ctx, view, form: state }), result.reason === 'deadline' ? 409 : 400);
  });

  app.post('/applications/:id/reopen', { config: { access: studentsOnly } }, async (request, reply) => {
    const id = idParam(request.params);
    const result = await applications.reopen(actorOf(request), id, requestMeta(request));
    const notice = result === 'reopened' ? 'Your application is open for changes. Submit it again before the deadline.' : result === 'closed' ? 'The deadline has passed: your application can no longer be changed.' : 'This application is not submitted.';
    return reply.notice(notice).redirect(`/applications/${id}`, 303);
  });

  app.get('/applications/:id/cv', { config: { access: cvReaders } }, async (request, reply) => {
    const file = await applications.cv(actorOf(request), idParam(request.params));
    return sendStoredFile(reply, file, opts.files.store);
  });

  app.get('/applications/:id/withdraw', { config: { access: studentsOnly } }, async (request, reply) => {
    const { application, round } = await applications.ownApplication(actorOf(request), idParam(request.params));
    if (application.status === 'withdrawn') return reply.redirect(`/applications/${application.id}`, 303);
    return reply.render((ctx) => WithdrawPage({ ctx, application, round }));
  });

  app.post('/applications/:id/withdraw', { config: { access: studentsOnly } }, async (request, reply) => {
    const id = idParam(request.params);
    const done = await applications.withdraw(actorOf(request), id, withdrawReason(request.body), requestMeta(request));
    return reply.notice(done ? 'Your application has been withdrawn. We have sent you a confirmation by e-mail.' : 'This application is already withdrawn.').redirect(`/applications/${id}`, 303);
  });
}
