/** @jsxImportSource hono/jsx */
/** NHS.UK pieces every staff page shares. */

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
