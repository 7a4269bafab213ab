/** @jsxImportSource hono/jsx */
/** The page shell every server-rendered page shares: NHS.UK styles, served locally. */
import type { Child } from 'hono/jsx';

export function Page(props: { title: string; lang?: string; dir?: 'ltr' | 'rtl'; service?: string; children: Child; head?: Child; bodyClass?: string }) {
  return (
    <html lang={props.lang ?? 'en'} dir={props.dir ?? 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/assets/nhsuk/nhsuk-frontend.min.css" />
        <link rel="stylesheet" href="/static/pages.css" />
        {props.head}
      </head>
      <body class={props.bodyClass}>
        <a class="nhsuk-skip-link" href="#main-content">Skip to main content</a>
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
