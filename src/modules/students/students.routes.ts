import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import * as input from './students.input.ts';
import type { StudentsService } from './students.service.ts';
import { ProfilePage, profileValues } from './views/ProfilePage.tsx';

export interface StudentsRoutesOptions {
  students: StudentsService;
}

const studentsOnly = ['student'] as const;

export async function studentsRoutes(app: FastifyInstance, opts: StudentsRoutesOptions): Promise<void> {
  const { students } = opts;

  app.get('/profile', { config: { access: studentsOnly } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const profile = await students.getProfile(actor);
    return reply.render((ctx) => ProfilePage({ ctx, values: profileValues(profile), errors: {}, saved: profile !== undefined }));
  });

  app.post('/profile', { config: { access: studentsOnly } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const form = parseForm(input.profileForm, request.body);
    if (!form.ok) return reply.render((ctx) => ProfilePage({ ctx, values: form.values, errors: form.errors, saved: true }), 400);
    await students.saveProfile(actor, form.data, requestMeta(request));
    return reply.notice('Your study details have been saved.').redirect('/profile', 303);
  });
}
