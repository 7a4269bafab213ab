/** @jsxImportSource hono/jsx */
/** NHS.UK pieces every staff page shares. */
import type { Child } from 'hono/jsx';

/**
 * Place names as a list ("Ward 7, St Mary's, Test Trust"), each in its own <bdi>: a name in
 * Arabic or Urdu keeps its letters in order without pulling the commas between them out of place.
 */
export function Names(props: { names: readonly string[] }) {
  return (
    <>
      {props.names.map((name, i) => (
        <>
          {i ? ', ' : ''}
          <bdi>{name}</bdi>
        </>
      ))}
    </>
  );
}

/** A problem with what was asked or posted: `field` is the id of the input to jump to. */
export interface Problem {
  field?: string;
  message: string;
}

/** NHS.UK error summary: "There is a problem", each message linking to its field. */
export function ErrorSummary(props: { problems: Problem[] }) {
  return (
    <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex={-1}>
      <h2 class="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div class="nhsuk-error-summary__body">
        <ul class="nhsuk-list nhsuk-error-summary__list">
          {props.problems.map((p) => (
            <li>{p.field ? <a href={`#${p.field}`}>{p.message}</a> : p.message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** `aria-describedby` for a field: its hint and its error, when it has them. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** NHS.UK form group around one control: label, hint, error message. */
export function FieldFrame(props: { id: string; label: string; hint?: string; error?: string; class?: string; children: Child }) {
  return (
    <div class={`nhsuk-form-group${props.class ? ` ${props.class}` : ''}${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div class="nhsuk-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <span class="nhsuk-error-message" id={`${props.id}-error`}>
          <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

/**
 * NHS.UK success banner after a form did what was asked. `role` "alert" when the page is a
 * redirect back to where the person was working (so it is read out), "status" otherwise.
 */
export function SuccessBanner(props: { title: string; text: string; role: 'alert' | 'status'; children?: Child }) {
  return (
    <div class="nhsuk-notification-banner nhsuk-notification-banner--success" role={props.role} aria-labelledby="success-banner-title">
      <div class="nhsuk-notification-banner__header">
        <h2 class="nhsuk-notification-banner__title" id="success-banner-title">
          {props.title}
        </h2>
      </div>
      <div class="nhsuk-notification-banner__content">
        <p class="nhsuk-notification-banner__heading">{props.text}</p>
        {props.children}
      </div>
    </div>
  );
}
