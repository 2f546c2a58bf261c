import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { declineForm, publishForm } from './offers.input.ts';
import type { OfferRefusal, OffersService } from './offers.service.ts';
import type { OutcomesService } from './outcomes.service.ts';
import { defaultRespondBy, OfferPage, OutcomePage, PostAllocationPage, PublishPage, RoundOffersPage } from './views/OfferPages.tsx';

const staff = ['staff', 'admin'] as const;

export async function offersRoutes(app: FastifyInstance, opts: { offers: OffersService; outcomes: OutcomesService }): Promise<void> {
  const { offers, outcomes } = opts;

  app.get('/allocation-runs/:id/publish', { config: { access: staff } }, async (request, reply) => {
    const view = await offers.publishView(actorOf(request), idParam(request.params));
    return reply.render((ctx) => PublishPage({ ctx, view, values: { respondBy: defaultRespondBy(view.now, view.round.timeZone) }, errors: {} }), view.refusal ? 409 : 200);
  });

  app.post('/allocation-runs/:id/publish', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const runId = idParam(request.params);
    const form = parseForm(publishForm, request.body);
    const again = async (status: number, values: FieldValues, errors: FieldErrors) => {
      const view = await offers.publishView(actor, runId);
      return reply.render((ctx) => PublishPage({ ctx, view, values, errors }), status);
    };
    if (!form.ok) return again(400, form.values, form.errors);
    const result = await offers.publish(actor, runId, form.data, requestMeta(request));
    if (!result.ok) return 'errors' in result ? again(400, form.values, result.errors) : again(409, form.values, {});
    const view = await offers.publishView(actor, runId);
    const parts = [`${result.offers} new ${result.offers === 1 ? 'offer' : 'offers'}`, `${result.changed} changed`, `${result.kept} kept`, `${result.told} ${result.told === 1 ? 'outcome' : 'outcomes'} told`];
    return reply.notice(`Run ${view.run.number} published: ${parts.join(', ')}.`).redirect(`/rounds/${view.round.id}/offers`, 303);
  });

  app.get('/rounds/:id/offers', { config: { access: staff } }, async (request, reply) => {
    const view = await offers.roundOffers(actorOf(request), idParam(request.params), requestMeta(request));
    return reply.render((ctx) => RoundOffersPage({ ctx, view }));
  });

  async function renderOffer(reply: FastifyReply, offerId: string, extra: { values?: FieldValues; errors?: FieldErrors; refusal?: OfferRefusal }, status: number) {
    const view = await offers.offer(actorOf(reply.request), offerId);
    return reply.render((ctx) => OfferPage({ ctx, view, values: extra.values ?? {}, errors: extra.errors ?? {}, refusal: extra.refusal }), status);
  }

  app.get('/offers/:id', { config: { access: ['student'] } }, async (request, reply) => renderOffer(reply, idParam(request.params), {}, 200));

  app.post('/offers/:id/accept', { config: { access: ['student'] } }, async (request, reply) => {
    const offerId = idParam(request.params);
    const result = await offers.accept(actorOf(request), offerId, requestMeta(request));
    if (!result.ok) return renderOffer(reply, offerId, { refusal: result.refusal }, 409);
    return reply.notice(result.already ? 'You had already accepted this offer.' : 'You accepted the offer. Your placement is pending funding; we have sent you an e-mail.').redirect(`/offers/${offerId}`, 303);
  });

  app.post('/offers/:id/decline', { config: { access: ['student'] } }, async (request, reply) => {
    const actor = actorOf(request);
    const offerId = idParam(request.params);
    const form = parseForm(declineForm, request.body);
    if (!form.ok) return renderOffer(reply, offerId, { values: form.values, errors: form.errors }, 400);
    const result = await offers.decline(actor, offerId, form.data, requestMeta(request));
    if (!result.ok) return renderOffer(reply, offerId, { values: form.values, refusal: result.refusal }, 409);
    return reply.notice(result.already ? 'You had already declined this offer.' : 'You declined the offer. The place goes to another student.').redirect(`/offers/${offerId}`, 303);
  });

  app.get('/applications/:id/outcome', { config: { access: ['student'] } }, async (request, reply) => {
    const view = await outcomes.studentOutcome(actorOf(request), idParam(request.params));
    return reply.render((ctx) => OutcomePage({ ctx, view }));
  });

  app.get('/posts/:id/allocation', { config: { access: ['staff', 'admin', 'partner_admin'] } }, async (request, reply) => {
    const view = await outcomes.postAllocation(actorOf(request), idParam(request.params), requestMeta(request));
    return reply.render((ctx) => PostAllocationPage({ ctx, view }));
  });
}
