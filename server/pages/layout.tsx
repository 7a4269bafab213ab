/** @jsxImportSource hono/jsx */
/** The page shell every server-rendered page shares: NHS.UK styles, served locally. */
import type { Child } from 'hono/jsx';
import { ENGLISH, formStrings, isLanguage } from './strings.ts';

export function Page(props: { title: string; lang?: string; dir?: 'ltr' | 'rtl'; service?: string; children: Child; head?: Child; bodyClass?: string }) {
  // In the page's language where it is one of the web form's; English, marked so, anywhere else.
  const skip = isLanguage(props.lang) ? formStrings(props.lang).skipLink : ENGLISH.skipLink;
  const english = skip === ENGLISH.skipLink && (props.lang ?? 'en') !== 'en';
  return (
    <html lang={props.lang ?? 'en'} dir={props.dir ?? 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {/* Named, so a browser does not ask for /favicon.ico (a 404 in the console of every page). */}
        <link rel="icon" href="/assets/nhsuk/assets/images/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/nhsuk/nhsuk-frontend.min.css" />
        <link rel="stylesheet" href="/static/pages.css" />
        {props.head}
      </head>
      <body class={props.bodyClass}>
        <a class="nhsuk-skip-link" href="#main-content" lang={english ? 'en' : undefined}>
          {skip}
        </a>
        <header class="nhsuk-header" role="banner">
          <div class="nhsuk-header__container nhsuk-width-container">
            <span class="fft-service-name">{props.service ?? 'Friends and Family Test'}</span>
          </div>
        </header>
        <div class="nhsuk-width-container">
          <main class="nhsuk-main-wrapper" id="main-content">
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}

/** NHS.UK's "problem with the service" page: a browser's answer when the database (or we) failed. */
export function ProblemPage(props: { status: 500 | 503 }) {
  return (
    <Page title="Sorry, there is a problem with the service">
      <h1>Sorry, there is a problem with the service</h1>
      <p>{props.status === 503 ? 'Try again in a few minutes.' : 'Try again later.'}</p>
      <p>Nothing you sent on this page has been saved. Go back and send it again.</p>
    </Page>
  );
}
