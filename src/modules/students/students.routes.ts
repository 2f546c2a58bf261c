import { actorOf } from '../../platform/auth/actor.ts';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { countries } from '../../platform/geo/countries.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import * as input from './students.input.ts';
import type { StudentsService } from './students.service.ts';
import { ProfilePage, profileValues, type ProfileChoices } from './views/ProfilePage.tsx';

export interface StudentsRoutesOptions {
  students: StudentsService;
}

const studentsOnly = ['student'] as const;


export async function studentsRoutes(app: FastifyInstance, opts: StudentsRoutesOptions): Promise<void> {
  const { students } = opts;

  async function choices(actor: Actor): Promise<ProfileChoices> {
    const courses = await students.courseChoices(actor);
    return { courses: courses.map((c) => ({ id: c.id, name: c.name, level: c.level, faculty: c.faculty })), countries: countries() };
  }

  app.get('/profile', { config: { access: studentsOnly } }, async (request, reply) => {
    const actor = actorOf(request);
    const profile = await students.getProfile(actor);
    const options = await choices(actor);
    return reply.render((ctx) => ProfilePage({ ctx, values: profileValues(profile), errors: {}, saved: profile !== undefined, choices: options }));
  });

  app.post('/profile', { config: { access: studentsOnly } }, async (request, reply) => {
    const actor = actorOf(request);
    const form = parseForm(input.profileForm, request.body);
    const again = async (errors: FieldErrors) => {
      const options = await choices(actor);
      return reply.render((ctx) => ProfilePage({ ctx, values: form.values, errors, saved: true, choices: options }), 400);
    };
    if (!form.ok) return again(form.errors);
    const result = await students.saveProfile(actor, form.data, requestMeta(request));
    if (!result.ok) return again(result.errors);
    return reply.notice('Your profile has been saved.').redirect('/profile', 303);
  });
}
