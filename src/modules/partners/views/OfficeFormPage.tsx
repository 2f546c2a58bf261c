import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Button, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';

export interface CityChoice {
  id: string;
  label: string;
}

// The city comes from the offline gazetteer without JavaScript: "Find city" shows matches,
// "Use this city" fills the country, coordinates and a suggested time zone.
export function OfficeFormPage(props: {
  ctx: PageContext;
  action: string;
  title: string;
  organisationName: string;
  values: FieldValues;
  errors: FieldErrors;
  countries: { code: string; name: string }[];
  cityChoices: CityChoice[] | null;
  timeZones: string[];
}) {
  const { ctx, values, errors } = props;
  const countryOptions = [{ value: '', label: 'Choose a country' }, ...props.countries.map((c) => ({ value: c.code, label: c.name }))];
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${props.title}` : props.title}>
      <p class="hint">{props.organisationName}</p>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={props.action} csrfToken={ctx.csrfToken}>
        <TextField name="name" label="Office name" hint="For example, IOM Somalia — Programme Support Unit." value={values.name} error={errors.name} maxLength={200} />
        <fieldset class="fieldset city-finder">
          <legend class="field__label">Where the office is</legend>
          <TextField name="city" label="City" hint="Type the city, then select Find city to fill in the country, coordinates and time zone." value={values.city} error={errors.city} maxLength={100} />
          <button type="submit" class="button button--secondary" name="step" value="find-city">
            Find city
          </button>
          {/* the page reloads at the top: with JavaScript, focus moves to what Find city found (outbound.js) */}
          {props.cityChoices !== null &&
            (props.cityChoices.length === 0 ? (
              <div class="city-finder__result" tabIndex={-1} data-focus-on-load>
                <NotificationBanner kind="warning" title="No city found">
                  <p>Check the spelling, or enter the country and coordinates yourself.</p>
                </NotificationBanner>
              </div>
            ) : (
              <div class="field">
                <fieldset class="fieldset city-finder__result" tabIndex={-1} data-focus-on-load>
                  <legend class="field__label">Choose the city</legend>
                  {props.cityChoices.map((choice, i) => (
                    <div class="radio">
                      <input type="radio" id={`field-cityId-${i}`} name="cityId" value={choice.id} checked={i === 0} />
                      <label for={`field-cityId-${i}`}>{choice.label}</label>
                    </div>
                  ))}
                </fieldset>
                <button type="submit" class="button button--secondary" name="step" value="use-city">
                  Use this city
                </button>
              </div>
            ))}
          <SelectField name="country" label="Country" value={values.country} error={errors.country} options={countryOptions} />
          <TextField name="latitude" label="Latitude" hint="Between -90 and 90, for example -1.2833." value={values.latitude} error={errors.latitude} maxLength={20} width="short" />
          <TextField name="longitude" label="Longitude" hint="Between -180 and 180, for example 36.8167." value={values.longitude} error={errors.longitude} maxLength={20} width="short" />
          <TextField name="address" label="Address (optional)" value={values.address} error={errors.address} maxLength={500} />
        </fieldset>
        <SelectField name="servesCountry" label="Country or mission it serves" hint="An office may serve another country, like a Somalia unit based in Nairobi." value={values.servesCountry} error={errors.servesCountry} options={countryOptions} />
        {props.timeZones.length > 0 ? (
          <SelectField name="timeZone" label="Time zone" value={values.timeZone} error={errors.timeZone} options={props.timeZones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))} />
        ) : (
          <TextField name="timeZone" label="Time zone" hint="An IANA time zone, like Africa/Nairobi. Finding the city suggests one." value={values.timeZone} error={errors.timeZone} maxLength={64} />
        )}
        <TextField name="privateNotes" label="Private notes (optional)" hint="Seen only by the university and your organisation." value={values.privateNotes} error={errors.privateNotes} maxLength={2000} />
        <Button name="step" value="save">
          Save office
        </Button>
      </PostForm>
    </Layout>
  );
}
