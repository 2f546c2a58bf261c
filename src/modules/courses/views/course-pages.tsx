import { Layout } from '../../../platform/views/Layout.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, CheckboxField, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { courseLevelNames, courseLevels } from '../course-levels.ts';
import type { Course } from '../courses.repo.ts';

export function CoursesPage(props: { ctx: PageContext; courses: Course[] }) {
  return (
    <Layout ctx={props.ctx} title="Courses">
      <h1>Courses</h1>
      <p>Students choose their course from the active courses; a course’s level is the student’s level of study. Deactivate a course instead of deleting it.</p>
      <p>
        <a class="button button--secondary" href="/courses/new">
          Add a course
        </a>
      </p>
      <Table
        caption={plural(props.courses.length, 'course')}
        columns={[
          { key: 'name', label: 'Course' },
          { key: 'level', label: 'Level' },
          { key: 'faculty', label: 'Faculty' },
          { key: 'status', label: 'Status' },
        ]}
        rows={props.courses.map((c) => [
          <a href={`/courses/${c.id}`}>{c.name}</a>,
          courseLevelNames[c.level],
          c.faculty,
          c.active ? <Tag tone="green">Active</Tag> : <Tag>Inactive</Tag>,
        ])}
        empty="No courses yet."
      />
    </Layout>
  );
}

export function CourseFormPage(props: { ctx: PageContext; action: string; title: string; values: FieldValues; errors: FieldErrors }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${props.title}` : props.title}>
      <p>
        <a href="/courses">Back to courses</a>
      </p>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={props.action} csrfToken={ctx.csrfToken}>
        <TextField name="name" label="Course name" hint="For example, Politics and International Relations BA" value={values.name} error={errors.name} maxLength={120} />
        <SelectField
          name="level"
          label="Level"
          value={values.level ?? ''}
          error={errors.level}
          options={[{ value: '', label: 'Choose a level' }, ...courseLevels.map((level) => ({ value: level, label: courseLevelNames[level] }))]}
        />
        <TextField name="faculty" label="Faculty" value={values.faculty} error={errors.faculty} maxLength={120} />
        <CheckboxField name="active" label="Active" hint="Students can choose only active courses." checked={values.active === 'on'} />
        <Button>Save course</Button>
      </PostForm>
    </Layout>
  );
}

export function courseValues(c: Course): FieldValues {
  return { name: c.name, level: c.level, faculty: c.faculty, active: c.active ? 'on' : '' };
}
