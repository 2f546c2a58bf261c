import { actorOf } from '../../platform/auth/actor.ts';
import type { FastifyInstance } from 'fastify';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { courseForm } from './courses.input.ts';
import type { CoursesService } from './courses.service.ts';
import { CourseFormPage, CoursesPage, courseValues } from './views/course-pages.tsx';

const staff = ['staff', 'admin'] as const;


export async function coursesRoutes(app: FastifyInstance, opts: { courses: CoursesService }): Promise<void> {
  const { courses } = opts;

  app.get('/courses', { config: { access: staff } }, async (request, reply) => {
    const list = await courses.listCourses(actorOf(request));
    return reply.render((ctx) => CoursesPage({ ctx, courses: list }));
  });

  app.get('/courses/new', { config: { access: staff } }, async (_request, reply) =>
    reply.render((ctx) => CourseFormPage({ ctx, action: '/courses/new', title: 'Add a course', values: { active: 'on' }, errors: {} })),
  );

  app.post('/courses/new', { config: { access: staff } }, async (request, reply) => {
    const form = parseForm(courseForm, request.body);
    const again = (errors: FieldErrors) => reply.render((ctx) => CourseFormPage({ ctx, action: '/courses/new', title: 'Add a course', values: form.values, errors }), 400);
    if (!form.ok) return again(form.errors);
    const result = await courses.createCourse(actorOf(request), form.data, request.ip);
    if (!result.ok) return again(result.errors);
    return reply.notice(`${result.value.name} added.`).redirect('/courses', 303);
  });

  app.get('/courses/:id', { config: { access: staff } }, async (request, reply) => {
    const id = idParam(request.params);
    const course = await courses.editableCourse(actorOf(request), id);
    return reply.render((ctx) => CourseFormPage({ ctx, action: `/courses/${id}`, title: `Edit ${course.name}`, values: courseValues(course), errors: {} }));
  });

  app.post('/courses/:id', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const course = await courses.editableCourse(actor, id);
    const form = parseForm(courseForm, request.body);
    const again = (errors: FieldErrors) => reply.render((ctx) => CourseFormPage({ ctx, action: `/courses/${id}`, title: `Edit ${course.name}`, values: form.values, errors }), 400);
    if (!form.ok) return again(form.errors);
    const result = await courses.updateCourse(actor, id, form.data, request.ip);
    if (!result.ok) return again(result.errors);
    return reply.notice(`${result.value.name} saved.`).redirect('/courses', 303);
  });
}
