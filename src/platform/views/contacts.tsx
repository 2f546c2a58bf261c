import { TextField, type FieldErrors, type FieldValues } from './forms.tsx';

export interface ContactDetails {
  name: string;
  role: string;
  email: string;
  phone: string;
}

export function ContactList(props: { contacts: readonly ContactDetails[] }) {
  if (props.contacts.length === 0) return <>None given</>;
  return (
    <ul class="plain-list">
      {props.contacts.map((c) => (
        <li>
          {c.name}
          {c.role && `, ${c.role}`}
          {c.email && (
            <>
              {' '}
              — <a href={`mailto:${c.email}`}>{c.email}</a>
            </>
          )}
          {c.phone && ` — ${c.phone}`}
        </li>
      ))}
    </ul>
  );
}

// Numbered rows of optional contacts (contactName0, contactRole0 …), each in its own fieldset.
export function ContactFields(props: { rows: number; values: FieldValues; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <>
      {Array.from({ length: props.rows }, (_, i) => (
        <fieldset class="fieldset contact-row">
          <legend class="field__label">Contact {i + 1} (optional)</legend>
          <TextField name={`contactName${i}`} label="Name" value={values[`contactName${i}`]} error={errors[`contactName${i}`]} maxLength={100} />
          <TextField name={`contactRole${i}`} label="Role" value={values[`contactRole${i}`]} error={errors[`contactRole${i}`]} maxLength={100} />
          <TextField name={`contactEmail${i}`} label="E-mail" type="email" value={values[`contactEmail${i}`]} error={errors[`contactEmail${i}`]} maxLength={254} />
          <TextField name={`contactPhone${i}`} label="Phone" type="tel" value={values[`contactPhone${i}`]} error={errors[`contactPhone${i}`]} maxLength={40} />
        </fieldset>
      ))}
    </>
  );
}

export function contactValues(contacts: readonly ContactDetails[]): FieldValues {
  const values: FieldValues = {};
  contacts.forEach((c, i) => {
    values[`contactName${i}`] = c.name;
    values[`contactRole${i}`] = c.role;
    values[`contactEmail${i}`] = c.email;
    values[`contactPhone${i}`] = c.phone;
  });
  return values;
}
