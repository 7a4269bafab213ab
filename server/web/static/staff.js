// Staff pages whose form came back with errors (layout.tsx loads this only then), focus moves to the error summary (the
// NHS.UK pattern), so a keyboard or screen-reader user starts at the list of what to fix instead
// of the top of the page. The summary has tabindex="-1" and role="alert" already.
const summary = document.querySelector('.nhsuk-error-summary');
if (summary instanceof HTMLElement) summary.focus();
