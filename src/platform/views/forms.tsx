import type { ComponentChildren } from 'preact';

export type FieldErrors = Record<string, string>;
export type FieldValues = Record<string, string>;

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

// The error summary links to each field with a problem (GOV.UK pattern, WCAG 3.3.1).
export function ErrorSummary(props: { errors: FieldErrors; fieldIds?: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-focus-on-load>
      <h2 id="error-summary-title" class="error-summary__title">
        There is a problem
      </h2>
      <ul class="error-summary__list">
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${props.fieldIds?.[field] ?? `field-${field}`}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint ? `field-${props.name}-hint` : '', props.error ? `field-${props.name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label class="field__label" for={`field-${props.name}`}>
        {props.label}
      </label>
      {props.hint && (
        <p class="field__hint" id={`field-${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`field-${props.name}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | undefined;
    type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'datetime-local' | 'tel' | 'url';
    autocomplete?: string;
    maxLength?: number;
    required?: boolean;
    width?: 'short' | 'full';
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        class={`input${props.width === 'short' ? ' input--short' : ''}`}
        id={`field-${props.name}`}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
        spellcheck={props.type === 'email' || props.type === 'password' ? false : undefined}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: { value: string; label: string }[]; required?: boolean },
) {
  return (
    <FieldFrame {...props}>
      <select
        class="select"
        id={`field-${props.name}`}
        name={props.name}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

// A group of choices: the fieldset with its legend (the question), hint and error.
function FieldsetFrame(props: FieldProps & { inline?: boolean | undefined; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <fieldset class={`fieldset${props.inline ? ' fieldset--inline' : ''}`} aria-describedby={describedBy(props)} id={`field-${props.name}`}>
        <legend class="field__label">{props.label}</legend>
        {props.hint && (
          <p class="field__hint" id={`field-${props.name}-hint`}>
            {props.hint}
          </p>
        )}
        {props.error && (
          <p class="field__error" id={`field-${props.name}-error`}>
            <span class="visually-hidden">Error: </span>
            {props.error}
          </p>
        )}
        {props.children}
      </fieldset>
    </div>
  );
}

export function CheckboxesField(
  props: FieldProps & { values: readonly string[]; options: { value: string; label: string; hint?: string }[] },
) {
  return (
    <FieldsetFrame {...props}>
      {props.options.map((option) => (
        <div class="checkbox">
          <input type="checkbox" id={`field-${props.name}-${option.value}`} name={props.name} value={option.value} checked={props.values.includes(option.value)} />
          <label for={`field-${props.name}-${option.value}`}>{option.label}</label>
          {option.hint && <span class="field__hint">{option.hint}</span>}
        </div>
      ))}
    </FieldsetFrame>
  );
}

export function Button(props: { children: ComponentChildren; kind?: 'primary' | 'secondary' | 'warning'; name?: string; value?: string }) {
  return (
    <button type="submit" class={`button button--${props.kind ?? 'primary'}`} name={props.name} value={props.value}>
      {props.children}
    </button>
  );
}

export function PostForm(props: { action: string; csrfToken: string; children: ComponentChildren; class?: string; novalidate?: boolean; multipart?: boolean }) {
  return (
    <form method="post" action={props.action} class={props.class} noValidate={props.novalidate ?? true} enctype={props.multipart ? 'multipart/form-data' : undefined}>
      <CsrfField token={props.csrfToken} />
      {props.children}
    </form>
  );
}

export function FileField(props: { name: string; label: string; hint?: string | undefined; error?: string | undefined; accept?: string }) {
  return (
    <FieldFrame {...props}>
      <input class="file-input" id={`field-${props.name}`} name={props.name} type="file" accept={props.accept} aria-describedby={describedBy(props)} aria-invalid={props.error ? 'true' : undefined} />
    </FieldFrame>
  );
}

export function CheckboxField(props: { name: string; label: string; hint?: string | undefined; checked: boolean; error?: string | undefined }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      {props.error && (
        <p class="field__error" id={`field-${props.name}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      <div class="checkbox">
        <input type="checkbox" id={`field-${props.name}`} name={props.name} value="on" checked={props.checked} aria-describedby={props.hint ? `field-${props.name}-hint` : undefined} />
        <label for={`field-${props.name}`}>{props.label}</label>
        {props.hint && (
          <span class="field__hint" id={`field-${props.name}-hint`}>
            {props.hint}
          </span>
        )}
      </div>
    </div>
  );
}

export function TextArea(props: { name: string; label: string; hint?: string | undefined; error?: string | undefined; value?: string | undefined; rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        class="textarea"
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

// One answer of a few, as radio buttons in a fieldset (the legend is the question).
export function RadiosField(props: FieldProps & { value?: string | undefined; options: readonly { value: string; label: string }[]; inline?: boolean }) {
  return (
    <FieldsetFrame {...props}>
      {props.options.map((option) => (
        <div class="radio">
          <input type="radio" id={`field-${props.name}-${option.value}`} name={props.name} value={option.value} checked={props.value === option.value} />
          <label for={`field-${props.name}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </FieldsetFrame>
  );
}
