import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { settingsForm } from './selection-setup.input.ts';
import type { SelectionSetupService, SettingsEditor } from './selection-setup.service.ts';
import { SelectionSettingsPage, settingsValues } from './views/SelectionSettingsPage.tsx';

const staff = ['staff', 'admin'] as const;

export const reviewModeLocked = 'Review started when applications closed, so the review mode can no longer change: reviewers may already have seen the applications.';

export async function selectionSetupRoutes(app: FastifyInstance, opts: { selectionSetup: SelectionSetupService }): Promise<void> {
  const { selectionSetup } = opts;

  function render(reply: FastifyReply, editor: SettingsEditor, values: FieldValues, errors: FieldErrors, status: number, problem?: string) {
    return reply.render((ctx) => SelectionSettingsPage({ ctx, editor, values, errors, problem }), status);
  }

  app.get('/rounds/:id/selection', { config: { access: staff } }, async (request, reply) => {
    const editor = await selectionSetup.editor(actorOf(request), idParam(request.params));
    return render(reply, editor, settingsValues(editor.settings), {}, 200);
  });

  app.post('/rounds/:id/selection', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const form = parseForm(settingsForm, request.body);
    if (!form.ok) return render(reply, await selectionSetup.editor(actor, roundId), form.values, form.errors, 400);
    const result = await selectionSetup.save(actor, roundId, form.data, requestMeta(request));
    if (!result.ok) return render(reply, await selectionSetup.editor(actor, roundId), form.values, {}, 409, reviewModeLocked);
    return reply.notice(result.changed.length > 0 ? 'Selection settings saved.' : 'Nothing changed.').redirect(`/rounds/${roundId}/selection`, 303);
  });
}
