/** @jsxImportSource hono/jsx */
/**
 * The web form at /f/<unit code>: the same question as the ward tablet, in the same languages
 * and easy read, working with no JavaScript at all (a plain form POST with CSRF protection,
 * then a thank-you page). `?m=home` marks answers reached from a link sent home (mode
 * Electronic Home); otherwise the mode is Online (QR posters, the trust's website).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import QRCode from 'qrcode';
import { AGE_BANDS, COMPLETED_BY, DISABILITY, ETHNIC_CODES, SEXES, homeLinkMode, isValidAnswer, type Question } from '../../analytics/fft.ts';
import type { ResponseWriter } from '../../db/group-commit.ts';
import type { Store, Unit } from '../../db/store.ts';
import type { Clock } from '../clock.ts';
import { cleanText, MAX_COMMENT_CHARS } from '../collect/schema.ts';
import { londonDay } from '../../analytics/periods.ts';
import { newId } from '../ids.ts';
import { clientAddress, rateLimit } from '../middleware/rate-limit.ts';
import { publishedYouSaid } from '../api/you-said.ts';
import { ApiError, RETRY_AFTER_SECONDS } from '../middleware/errors.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { csrfField, csrfValid, CSRF_FIELD } from './csrf.ts';
import { Page } from './layout.tsx';
import { formStrings, isLanguage, LANGUAGES, serviceKind, type FormStrings, type Language } from './strings.ts';

// A comment at its 5,000-character limit in Bengali or Chinese (3 bytes a character in UTF-8, 9
// once form-encoded) is about 45 KB: the limit must let that through, and the patient be told.
const MAX_FORM_BYTES = 64 * 1024;
/**
 * Sends per client address per 10 minutes. Every patient on a hospital's guest Wi-Fi shares one
 * address (NAT), so this is set well above what a busy A&E waiting room sends, and only stops a
 * script flooding the form.
 */
export const FORM_SENDS_PER_10_MINUTES = 300;
const HONEYPOT = 'website';

interface FormState {
  lang: Language;
  easy: boolean;
  home: boolean;
  /** No answer chosen (shown by the answer choices). */
  error?: string;
  /** The comment is too long (shown by the comment box). */
  commentError?: string;
  /** Nothing wrong with the answer, but it was not sent (rate limit, lost CSRF cookie): say so above the form. */
  notice?: string;
  values?: Record<string, string>;
}

/** The unit's question; `{service}` is the noun for its setting in the same language as the question's text. */
function questionText(s: FormStrings, unit: Unit, easy: boolean): string {
  const q = unit.question;
  const kind = serviceKind(unit.setting);
  if (q === 'nps-0-10') return (easy ? s.easyQuestionNps : s.questionNps).replace('{service}', s.servicesNps[kind]);
  const text = q === 'fft-2013' ? (easy ? s.easyQuestion2013 : s.question2013) : easy ? s.easyQuestion2020 : s.question2020;
  return text.replace('{service}', s.services2013[kind]);
}

function answerOptions(s: FormStrings, question: Question, easy: boolean): { value: number; label: string }[] {
  if (question === 'nps-0-10') return Array.from({ length: 11 }, (_, i) => ({ value: i, label: String(i) }));
  const labels = question === 'fft-2013' ? (easy ? s.easyAnswers2013 : s.answers2013) : easy ? s.easyAnswers2020 : s.answers2020;
  return labels.map((label, i) => ({ value: i + 1, label }));
}

function query(state: FormState, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ ...(state.lang !== 'en' ? { lang: state.lang } : {}), ...(state.easy ? { easy: '1' } : {}), ...(state.home ? { m: 'home' } : {}), ...extra });
  const s = p.toString();
  return s ? `?${s}` : '';
}

function Radios(props: { name: string; legend: string; options: readonly string[]; s: FormStrings; values?: Record<string, string> }) {
  return (
    <div class="nhsuk-form-group">
      <fieldset class="nhsuk-fieldset">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        <div class="nhsuk-radios nhsuk-radios--small">
          {props.options.map((o) => (
            <div class="nhsuk-radios__item">
              <input class="nhsuk-radios__input" id={`${props.name}-${o}`} name={props.name} type="radio" value={o} checked={props.values?.[props.name] === o} />
              <label class="nhsuk-label nhsuk-radios__label" for={`${props.name}-${o}`}>
                {o === 'prefer-not-to-say' ? props.s.preferNotToSay : props.s.options[o] ?? o}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function FormPage(props: { unit: Unit; state: FormState; csrf: string; id: string; youSaid: { youSaid: string; weDid: string }[] }) {
  const { unit, state } = props;
  const s = formStrings(state.lang);
  const options = answerOptions(s, unit.question, state.easy);
  const action = `/f/${encodeURIComponent(unit.code)}${query(state)}`;
  const firstAnswer = `#answer-${options[0]!.value}`;
  const problems = [
    state.notice && { text: state.notice, href: firstAnswer },
    state.error && { text: state.error, href: firstAnswer },
    state.commentError && { text: state.commentError, href: '#comment' },
  ].filter((p): p is { text: string; href: string } => !!p);
  return (
    <Page
      title={`${problems.length ? `${s.errorTitle}: ` : ''}${questionText(s, unit, state.easy)} – ${unit.name}`}
      lang={state.lang}
      dir={s.dir}
      service={s.appName}
      bodyClass={state.easy ? 'fft-easy' : undefined}
      head={<script type="module" src="/static/form.js"></script>}
    >
      <nav class="fft-form-tools" aria-label={s.language}>
        <form method="get" action={`/f/${encodeURIComponent(unit.code)}`} class="fft-inline-form">
          {state.easy && <input type="hidden" name="easy" value="1" />}
          {state.home && <input type="hidden" name="m" value="home" />}
          <label class="nhsuk-label" for="lang">{s.language}</label>
          <select class="nhsuk-select" id="lang" name="lang">
            {LANGUAGES.map((l) => (
              <option value={l} selected={l === state.lang} lang={l}>
                {formStrings(l).languageName}
              </option>
            ))}
          </select>
          {/* Only this button changes the language: choosing in the list does nothing by itself (WCAG 3.2.2). */}
          <button class="nhsuk-button nhsuk-button--secondary fft-small-button" type="submit" data-action="change-language">{s.changeLanguage}</button>
        </form>
        <a class="nhsuk-link fft-easy-link" href={`/f/${encodeURIComponent(unit.code)}${query({ ...state, easy: !state.easy })}`}>
          {state.easy ? s.standardRead : s.easyRead}
        </a>
      </nav>
      {problems.length > 0 && (
        <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex={-1}>
          <h2 class="nhsuk-error-summary__title" id="error-summary-title">{s.errorTitle}</h2>
          <div class="nhsuk-error-summary__body">
            <ul class="nhsuk-list nhsuk-error-summary__list">
              {problems.map((p) => (
                <li>
                  <a href={p.href}>{p.text}</a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <span class="nhsuk-caption-l">
        <bdi>{unit.name}</bdi>
      </span>
      {/* autocomplete="off": a browser going Back to this page (it is never cached, so it is fetched
          again, with a new id) must not fill in the last patient's answer and comment, which would
          show them to the next person on a shared device and let one Send store them twice. */}
      {/* data-offline, data-send-failed, data-error-title: for form.js, which says so here when Send is
          pressed with no connection, or the answer did not get through. */}
      <form
        method="post"
        action={action}
        novalidate
        autocomplete="off"
        data-offline={s.offline.replace('{send}', s.submit)}
        data-send-failed={s.sendFailed.replace('{send}', s.submit)}
        data-error-title={s.errorTitle}
      >
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <input type="hidden" name="id" value={props.id} />
        <div class={`nhsuk-form-group${state.error ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset class="nhsuk-fieldset" aria-describedby={state.error ? 'answer-error' : undefined}>
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
              <h1 class="nhsuk-fieldset__heading">{questionText(s, unit, state.easy)}</h1>
            </legend>
            {state.error && (
              <span class="nhsuk-error-message" id="answer-error">
                <span class="nhsuk-u-visually-hidden">{s.errorPrefix}</span> {state.error}
              </span>
            )}
            <div class={`nhsuk-radios fft-answers${unit.question === 'nps-0-10' ? ' fft-answers--nps' : ''}`}>
              {options.map((o) => (
                <div class="nhsuk-radios__item fft-answer">
                  <input class="nhsuk-radios__input" id={`answer-${o.value}`} name="answer" type="radio" value={String(o.value)} checked={props.state.values?.answer === String(o.value)} />
                  <label class="nhsuk-label nhsuk-radios__label" for={`answer-${o.value}`}>
                    {unit.question !== 'nps-0-10' && (
                      <img class="fft-face" src={`/kiosk/faces/${o.value}.svg`} alt="" width="48" height="48" />
                    )}
                    {o.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div class={`nhsuk-form-group${state.commentError ? ' nhsuk-form-group--error' : ''}`}>
          <label class="nhsuk-label nhsuk-label--s" for="comment">{state.easy ? s.easyComment : s.comment}</label>
          <div class="nhsuk-hint" id="comment-hint">{state.easy ? s.easyCommentHint : s.commentHint}</div>
          {state.commentError && (
            <span class="nhsuk-error-message" id="comment-error">
              <span class="nhsuk-u-visually-hidden">{s.errorPrefix}</span> {state.commentError}
            </span>
          )}
          <textarea
            class={`nhsuk-textarea${state.commentError ? ' nhsuk-textarea--error' : ''}`}
            id="comment"
            name="comment"
            rows={5}
            maxlength={MAX_COMMENT_CHARS}
            autocomplete="off"
            aria-describedby={state.commentError ? 'comment-hint comment-error' : 'comment-hint'}
            data-counter={s.charactersLeft}
          >
            {props.state.values?.comment ?? ''}
          </textarea>
        </div>
        <div class="fft-honeypot" aria-hidden="true">
          <label for={HONEYPOT}>Leave this empty</label>
          <input type="text" id={HONEYPOT} name={HONEYPOT} tabindex={-1} autocomplete="off" />
        </div>
        <details class="nhsuk-details">
          <summary class="nhsuk-details__summary">
            <span class="nhsuk-details__summary-text">{s.moreAboutYou}</span>
          </summary>
          <div class="nhsuk-details__text">
            <Radios name="ageBand" legend={s.ageBand} options={AGE_BANDS} s={s} values={props.state.values} />
            <Radios name="sex" legend={s.sex} options={SEXES} s={s} values={props.state.values} />
            <Radios name="ethnicity" legend={s.ethnicity} options={ETHNIC_CODES} s={s} values={props.state.values} />
            <Radios name="disability" legend={s.disability} options={DISABILITY} s={s} values={props.state.values} />
            <Radios name="completedBy" legend={s.completedBy} options={COMPLETED_BY} s={s} values={props.state.values} />
          </div>
        </details>
        <button class="nhsuk-button fft-submit" type="submit" data-action="submit">
          {s.submit}
        </button>
      </form>
      {props.youSaid.length > 0 && (
        <section aria-labelledby="you-said">
          <h2 id="you-said">{s.youSaidWeDid}</h2>
          <ul class="nhsuk-list">
            {props.youSaid.map((y) => (
              <li>
                <strong>{s.youSaid}:</strong> <bdi>{y.youSaid}</bdi> <strong>{s.weDid}:</strong> <bdi>{y.weDid}</bdi>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}

function NotRecognised(props: { lang: Language }) {
  const s = formStrings(props.lang);
  return (
    <Page title={s.notRecognised} lang={props.lang} dir={s.dir}>
      <h1>{s.notRecognised}</h1>
    </Page>
  );
}

function stateFrom(c: Context): FormState {
  const lang = c.req.query('lang');
  return { lang: isLanguage(lang) ? lang : 'en', easy: c.req.query('easy') === '1', home: c.req.query('m') === 'home' };
}

function validId(id: string | undefined): string | undefined {
  return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : undefined;
}

const EQUALITY_OPTIONS: Record<string, readonly string[]> = { ageBand: AGE_BANDS, sex: SEXES, ethnicity: ETHNIC_CODES, disability: DISABILITY, completedBy: COMPLETED_BY };

export function formRoutes({ store, writer, clock, secret, publicUrl, trustProxy = false }: { store: Store; writer: ResponseWriter; clock: Clock; secret: string; publicUrl: string; trustProxy?: boolean }) {
  const app = new Hono();

  async function findUnit(code: string): Promise<Unit | undefined> {
    const unit = await store.getUnit(code) ?? (await store.getUnit(code.toUpperCase()));
    return unit?.active ? unit : undefined;
  }

  async function render(c: Context, unit: Unit, state: FormState, status: 200 | 400 | 403 | 429 | 503 = 200, id = newId()) {
    // The form still comes back, without them, while the database is unavailable.
    const youSaid = await publishedYouSaid(store, [unit.code], 3).catch((e: unknown) => {
      if (isDatabaseUnavailable(e)) return [];
      throw e;
    });
    c.header('Cache-Control', 'no-store');
    return c.html(<FormPage unit={unit} state={state} csrf={csrfField(c, secret)} id={id} youSaid={youSaid} />, status);
  }

  app.get('/f/:code', async (c) => {
    const unit = await findUnit(c.req.param('code'));
    if (!unit) return c.html(<NotRecognised lang={stateFrom(c).lang} />, 404);
    return render(c, unit, stateFrom(c));
  });

  /** What the patient entered, to fill the form in again: nothing else from the POST is echoed. */
  function entered(form: Record<string, string>): Record<string, string> {
    const keep = ['answer', 'comment', ...Object.keys(EQUALITY_OPTIONS)];
    return Object.fromEntries(keep.filter((k) => typeof form[k] === 'string').map((k) => [k, form[k]!]));
  }

  async function readForm(c: Context): Promise<Record<string, string>> {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)) throw new ApiError(415, 'unsupported_media_type', 'Send the form as a form');
    return Object.fromEntries(new URLSearchParams(await c.req.text())) as Record<string, string>;
  }

  app.post(
    '/f/:code',
    // Stops reading at the limit, chunked bodies too (reading first and measuring after let one
    // request hold hundreds of megabytes).
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'The form is too large');
      },
    }),
    // Over the limit, the patient gets the form back in their language with their answer still
    // in it (nothing stored), and is asked to send it again in a few minutes.
    rateLimit({
      windowMs: 10 * 60_000,
      max: FORM_SENDS_PER_10_MINUTES,
      clock,
      key: (c) => `form:${clientAddress(c, trustProxy)}`,
      onLimit: async (c) => {
        const state = stateFrom(c);
        const form = await readForm(c);
        const unit = await findUnit(c.req.param('code') ?? '');
        if (!unit) return c.html(<NotRecognised lang={state.lang} />, 404);
        const s = formStrings(state.lang);
        // The same id again: should the browser later re-send this refused POST (Back, then
        // "resubmit"), it is the same answer as the one sent from this page, stored once.
        return render(c, unit, { ...state, notice: s.rateLimited.replace('{send}', s.submit), values: entered(form) }, 429, validId(form.id) ?? newId());
      },
    }),
    async (c) => {
      const state = stateFrom(c);
      const form = await readForm(c);
      const unit = await findUnit(c.req.param('code'));
      if (!unit) return c.html(<NotRecognised lang={state.lang} />, 404);
      const s = formStrings(state.lang);
      if (!csrfValid(c, secret, form[CSRF_FIELD])) {
        // The CSRF cookie was lost (in-app browsers, blocked cookies, a restored tab) or a staff
        // sign-in changed the session. Nothing is stored: the form comes back with what was
        // entered and a fresh token, and only the patient's own next Send, from this site, counts.
        return render(c, unit, { ...state, notice: s.expired.replace('{send}', s.submit), values: entered(form) }, 403);
      }
      const thanks = `/f/${encodeURIComponent(unit.code)}/thanks${query(state)}`;
      // A filled honeypot is a bot: it is thanked like anyone else and nothing is stored.
      if (form[HONEYPOT]) return c.redirect(thanks, 303);
      const answer = Number(form.answer);
      const comment = cleanText(form.comment ?? '').trim();
      const noAnswer = !form.answer || !Number.isInteger(answer) || !isValidAnswer(unit.question, answer);
      const tooLong = [...comment].length > MAX_COMMENT_CHARS;
      if (noAnswer || tooLong) {
        return render(
          c,
          unit,
          {
            ...state,
            // As the tablet says it: easy read's "tap a face" where there are faces.
            error: noAnswer ? (state.easy && unit.question !== 'nps-0-10' ? s.easyChooseAnswer : s.chooseAnswer) : undefined,
            commentError: tooLong ? s.commentTooLong.replace('{max}', state.lang === 'en' ? MAX_COMMENT_CHARS.toLocaleString('en-GB') : String(MAX_COMMENT_CHARS)) : undefined,
            values: entered(form),
          },
          400,
        );
      }
      const equality = Object.fromEntries(Object.entries(EQUALITY_OPTIONS).map(([k, allowed]) => [k, allowed.includes(form[k] ?? '') ? form[k]! : null]));
      const now = clock();
      const id = validId(form.id) ?? newId();
      const stored = writer.write([
        {
          id,
          unitCode: unit.code,
          question: unit.question,
          answer,
          comment: comment || null,
          channel: 'web',
          mode: state.home ? homeLinkMode(unit.setting) : 'online',
          answeredAt: now.toISOString(),
          answeredDay: londonDay(now),
          receivedAt: now.toISOString(),
          language: state.lang,
          ageBand: equality.ageBand ?? null,
          sex: equality.sex ?? null,
          ethnicity: equality.ethnicity ?? null,
          disability: equality.disability ?? null,
          completedBy: equality.completedBy ?? null,
          deviceId: null,
          flagged: false,
        },
      ]);
      try {
        await stored;
      } catch (e) {
        if (!isDatabaseUnavailable(e)) throw e;
        // The database is unavailable: the patient gets the form back with their answer in it (and
        // the same id, so a Send that did reach the database is not stored twice), not an error.
        c.header('Retry-After', String(RETRY_AFTER_SECONDS));
        return render(c, unit, { ...state, notice: s.expired.replace('{send}', s.submit), values: entered(form) }, 503, id);
      }
      return c.redirect(thanks, 303);
    },
  );

  app.get('/f/:code/thanks', async (c) => {
    const state = stateFrom(c);
    const s = formStrings(state.lang);
    const unit = await findUnit(c.req.param('code'));
    return c.html(
      <Page title={s.thanksTitle} lang={state.lang} dir={s.dir} service={s.appName}>
        <div class="nhsuk-panel nhsuk-panel--confirmation" role="status">
          <h1 class="nhsuk-panel__title">{s.thanksTitle}</h1>
          <div class="nhsuk-panel__body">{s.thanksBody}</div>
        </div>
        {unit && (
          <p>
            <a class="nhsuk-link" href={`/f/${encodeURIComponent(unit.code)}${query(state)}`}>
              <bdi>{unit.name}</bdi>
            </a>
          </p>
        )}
      </Page>,
    );
  });

  app.get('/f/:code/poster', async (c) => {
    const unit = await findUnit(c.req.param('code'));
    if (!unit) return c.html(<NotRecognised lang="en" />, 404);
    const url = `${publicUrl}/f/${encodeURIComponent(unit.code)}`;
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const s = formStrings('en');
    return c.html(
      <Page title={`${s.posterTitle} – ${unit.name}`} bodyClass="fft-poster">
        <h1 class="fft-poster__title">{s.posterTitle}</h1>
        <p class="fft-poster__unit">
          <bdi>{unit.name}</bdi>
        </p>
        <p class="nhsuk-body-l">{questionText(s, unit, false)}</p>
        <div class="fft-poster__qr" role="img" aria-label={`QR code for ${url}`} dangerouslySetInnerHTML={{ __html: svg }} />
        <p class="nhsuk-body-l">
          {s.posterScan} <strong>{url}</strong>
        </p>
        <p>{s.anonymous}</p>
      </Page>,
    );
  });

  return app;
}
