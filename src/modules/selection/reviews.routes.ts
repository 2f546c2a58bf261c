import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import type { FileService } from '../../platform/files/file-service.ts';
import { sendStoredFile } from '../../platform/files/send-stored-file.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { ReviewsService } from './reviews.service.ts';
import { ReviewersPage, ReviewPage, ReviewQueuePage, reviewHref, type FormState } from './views/ReviewPages.tsx';

// Partner review: admins assign reviewers to their posts; reviewers (and admins) score applications.
const partnerAdmins = ['partner_admin'] as const;
const reviewers = ['partner_reviewer', 'partner_admin'] as const;

export async function reviewsRoutes(app: FastifyInstance, opts: { reviews: ReviewsService; files: Pick<FileService, 'store'> }): Promise<void> {
  const { reviews } = opts;

  async function renderReview(reply: FastifyReply, applicationId: string, postId: string, forms: { form?: FormState; conflictForm?: FormState }, status = 200) {
    const data = await reviews.reviewPage(actorOf(reply.request), applicationId, postId, requestMeta(reply.request));
    return reply.render((ctx) => ReviewPage({ ctx, data, ...forms }), status);
  }

  app.get('/posts/:id/reviewers', { config: { access: partnerAdmins } }, async (request, reply) => {
    const data = await reviews.reviewersPage(actorOf(request), idParam(request.params));
    return reply.render((ctx) => ReviewersPage({ ctx, data }));
  });

  app.post('/posts/:id/reviewers', { config: { access: partnerAdmins } }, async (request, reply) => {
    const postId = idParam(request.params);
    const actor = actorOf(request);
    const result = await reviews.changeReviewers(actor, postId, request.body, requestMeta(request));
    if (!result.ok) {
      const data = await reviews.reviewersPage(actor, postId);
      return reply.render((ctx) => ReviewersPage({ ctx, data, form: { values: result.values, errors: result.errors } }), 400);
    }
    return reply.notice(result.notice).redirect(`/posts/${postId}/reviewers`, 303);
  });

  app.get('/reviews', { config: { access: reviewers } }, async (request, reply) => {
    const data = await reviews.queue(actorOf(request));
    return reply.render((ctx) => ReviewQueuePage({ ctx, data }));
  });

  app.get('/reviews/:applicationId/:postId', { config: { access: reviewers } }, async (request, reply) =>
    renderReview(reply, idParam(request.params, 'applicationId'), idParam(request.params, 'postId'), {}),
  );

  app.post('/reviews/:applicationId/:postId', { config: { access: reviewers } }, async (request, reply) => {
    const applicationId = idParam(request.params, 'applicationId');
    const postId = idParam(request.params, 'postId');
    const result = await reviews.saveReview(actorOf(request), applicationId, postId, request.body, requestMeta(request));
    if (!result.ok) return renderReview(reply, applicationId, postId, { form: { values: result.values, errors: result.errors } }, 400);
    return reply.notice(result.notice).redirect(`${reviewHref(applicationId, postId)}#review`, 303);
  });

  app.post('/reviews/:applicationId/:postId/conflict', { config: { access: reviewers } }, async (request, reply) => {
    const applicationId = idParam(request.params, 'applicationId');
    const postId = idParam(request.params, 'postId');
    const result = await reviews.declareConflict(actorOf(request), applicationId, postId, request.body, requestMeta(request));
    if (!result.ok) return renderReview(reply, applicationId, postId, { conflictForm: { values: result.values, errors: result.errors } }, 400);
    return reply.notice('Your conflict of interest has been recorded. The application has left your queue.').redirect('/reviews', 303);
  });

  app.get('/reviews/:applicationId/:postId/cv', { config: { access: reviewers } }, async (request, reply) => {
    const file = await reviews.cv(actorOf(request), idParam(request.params, 'applicationId'), idParam(request.params, 'postId'), requestMeta(request));
    return sendStoredFile(reply, file, opts.files.store);
  });
}
