/** @jsxImportSource hono/jsx */
/**
 * `/entry`: ward staff key in paper cards and telephone answers, fast and by keyboard alone.
 * Choose the unit, the mode and the day the cards were filled in once (kept in the address, so
 * they stay put card after card); then per card: answer digit, optional comment, Enter. Works
 * as plain form posts; `static/entry.js` saves without reloading the page. A tally form takes
 * counts only. Every entry goes through the one write path and is audit-logged with its
 * response ids, so that "undo" can take back exactly the user's own last entry.
 */
import { Hono, type Context } from 'hono';
import { ANSWER_CODES, ANSWER_LABELS, MODE_COLUMNS, type Channel, type Mode, type Question, type Setting } from '../../analytics/fft.ts';
import { addDays, isDay, londonDay } from '../../analytics/periods.ts';
import type { AuditRecord, NewResponse, Unit } from '../../db/store.ts';
import { audit, actorOf } from '../audit.ts';
import { isolate } from '../bidi.ts';
import { unitInScope } from '../auth/scope.ts';
import { cleanText, MAX_COMMENT_CHARS } from '../collect/schema.ts';
import { formId, newId } from '../ids.ts';
import { CSRF_FIELD } from '../pages/csrf.ts';
import { errorJson } from '../middleware/errors.ts';
import { notFound, requireStaff, type WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { StaffPage } from './layout.tsx';
import { ErrorSummary, formBody, type Problem } from './admin-ui.tsx';
import { FieldFrame } from './ui.tsx';

type EntryContext = Context<WebEnv>;

/** How the card reached the ward, as staff choose it; the NHS England mode follows from the setting. */
export const ENTRY_MODES = ['paper-discharge', 'paper-home', 'telephone'] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

const ENTRY_MODE_LABELS: Record<EntryMode, { label: string; hint: string }> = {
  'paper-discharge': { label: 'Paper Discharge', hint: 'Cards filled in on the ward or department (Paper At Appointment in outpatients)' },
  'paper-home': { label: 'Paper Home', hint: 'Cards posted or taken home and sent back (Paper After Appointment in outpatients)' },
  telephone: { label: 'Telephone', hint: 'Answers taken by phone' },
};

/** NHS England's mode for a keyed-in answer (FFT.md §4): outpatients have their own paper columns. */
export function entryMode(choice: EntryMode, setting: Setting): { mode: Mode; channel: Channel } {
  if (choice === 'telephone') return { mode: 'telephone', channel: 'telephone' };
  const outpatient = setting === 'outpatient';
  if (choice === 'paper-home') return { mode: outpatient ? 'paper-after-appointment' : 'paper-home', channel: 'paper' };
  return { mode: outpatient ? 'paper-at-appointment' : 'paper-discharge', channel: 'paper' };
}

/** The choice on the setup page comes back for this long after an entry (a staff session's length). */
const STICKY_MS = 12 * 60 * 60 * 1000;
const CHOICE_OF: Partial<Record<Mode, EntryMode>> = {
  'paper-discharge': 'paper-discharge', 'paper-at-appointment': 'paper-discharge', 'paper-home': 'paper-home', 'paper-after-appointment': 'paper-home', telephone: 'telephone',
};

/** Cards older than this are refused (as the API refuses answers over a year old). */
const MAX_AGE_DAYS = 365;
const MAX_TALLY = 1000;
const ENTRY_ACTIONS = ['entry.card', 'entry.tally', 'entry.undo'];

interface Session {
  unit: Unit;
  choice: EntryMode;
  mode: Mode;
  channel: Channel;
  date: string;
}

/** What an entry's audit record keeps: enough to describe it and to take it back. */
interface EntryDetail {
  responseIds: string[];
  unitName: string;
  mode: Mode;
  day: string;
  answers: Record<string, number>;
  comments: number;
}

function answerLabel(question: Question, answer: number): string {
  return question === 'nps-0-10' ? String(answer) : `${answer} ${ANSWER_LABELS[question][answer]}`;
}

function answerHint(question: Question): string {
  if (question === 'nps-0-10') return 'A number from 0 (not at all likely) to 10 (extremely likely).';
  return ANSWER_CODES[question].map((a) => `${a} ${ANSWER_LABELS[question][a]}`).join(' · ');
}

const LONG_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
/** "Friday 20 November 2026", as NHS.UK writes dates (ICU puts a comma after the weekday). */
function longDay(day: string): string {
  const parts = Object.fromEntries(LONG_DAY.formatToParts(new Date(`${day}T12:00:00Z`)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

function describe(detail: EntryDetail): string {
  const cards = detail.responseIds.length;
  const answers = Object.entries(detail.answers)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => (cards === 1 ? `answer ${a}` : `${n} × ${a}`))
    .join(', ');
  const comment = cards === 1 && detail.comments ? ', with a comment' : '';
  return `${cards} card${cards === 1 ? '' : 's'} for ${isolate(detail.unitName)}, ${MODE_COLUMNS[detail.mode]}, ${longDay(detail.day)}: ${answers}${comment}`;
}

function query(s: Pick<Session, 'choice' | 'date'> & { unit: { code: string } }, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ unit: s.unit.code, mode: s.choice, date: s.date, ...extra }).toString();
}

function Hidden(props: { c: EntryContext; session: Session }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={props.c.get('csrf')} />
      <input type="hidden" name="unit" value={props.session.unit.code} />
      <input type="hidden" name="mode" value={props.session.choice} />
      <input type="hidden" name="date" value={props.session.date} />
    </>
  );
}

function SetupPage(props: { c: EntryContext; units: Unit[]; today: string; values: { unit?: string; mode?: string; date?: string }; problems?: Problem[] }) {
  const { c, units, values, problems } = props;
  const err = (id: string) => problems?.find((p) => p.field === id)?.message;
  const unit = values.unit ?? (units.length === 1 ? units[0]!.code : '');
  return (
    <StaffPage title={problems?.length ? 'Error: Paper cards and telephone' : 'Paper cards and telephone'} user={c.get('user')} csrf={c.get('csrf')} active="/entry" styles={['/web/static/entry.css']}>
      {problems?.length ? <ErrorSummary problems={problems} /> : null}
      <h1>Paper cards and telephone</h1>
      {units.length === 0 ? (
        <p>You have no units to enter cards for. Ask an admin to add your ward to your account.</p>
      ) : (
        <form method="get" action="/entry" novalidate>
          <FieldFrame id="unit" label="Unit" error={err('unit')}>
            <select class="nhsuk-select" id="unit" name="unit" aria-describedby={err('unit') ? 'unit-error' : undefined}>
              <option value="" selected={!unit}>
                Choose a unit
              </option>
              {units.map((u) => (
                // An <option> can hold no <bdi>.
                <option value={u.code} selected={u.code === unit}>
                  {isolate(u.name)} ({u.code})
                </option>
              ))}
            </select>
          </FieldFrame>
          <div class={`nhsuk-form-group${err('mode-paper-discharge') ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset class="nhsuk-fieldset">
              <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">How were they collected?</legend>
              {err('mode-paper-discharge') ? <span class="nhsuk-error-message">{err('mode-paper-discharge')}</span> : null}
              <div class="nhsuk-radios">
                {ENTRY_MODES.map((m) => (
                  <div class="nhsuk-radios__item">
                    <input class="nhsuk-radios__input" id={`mode-${m}`} name="mode" type="radio" value={m} checked={(values.mode ?? 'paper-discharge') === m} aria-describedby={`mode-${m}-hint`} />
                    <label class="nhsuk-label nhsuk-radios__label" for={`mode-${m}`}>
                      {ENTRY_MODE_LABELS[m].label}
                    </label>
                    <div class="nhsuk-hint nhsuk-radios__hint" id={`mode-${m}-hint`}>
                      {ENTRY_MODE_LABELS[m].hint}
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div class={`nhsuk-form-group${err('date') ? ' nhsuk-form-group--error' : ''}`}>
            <label class="nhsuk-label" for="date">
              Day the cards were filled in
            </label>
            <div class="nhsuk-hint" id="date-hint">
              Cards count in the day and month they were filled in, not the day they are keyed in.
            </div>
            {err('date') ? <span class="nhsuk-error-message" id="date-error">{err('date')}</span> : null}
            <input
              class="nhsuk-input nhsuk-input--width-10"
              id="date"
              name="date"
              type="date"
              value={values.date ?? props.today}
              max={props.today}
              min={addDays(props.today, -MAX_AGE_DAYS)}
              aria-describedby={`date-hint${err('date') ? ' date-error' : ''}`}
            />
          </div>
          <button class="nhsuk-button" type="submit">
            Start entering cards
          </button>
        </form>
      )}
    </StaffPage>
  );
}

function CardPage(props: {
  c: EntryContext;
  session: Session;
  last: { record: AuditRecord; detail: EntryDetail } | null;
  saved?: string | null;
  problems?: Problem[];
  values?: Record<string, string>;
}) {
  const { c, session, problems, values } = props;
  const { unit } = session;
  const codes = ANSWER_CODES[unit.question];
  const answerError = problems?.find((p) => p.field === 'answer')?.message;
  const tallyError = problems?.find((p) => p.field?.startsWith('n-'));
  return (
    <StaffPage title={`${problems?.length ? 'Error: ' : ''}Paper cards – ${unit.name}`} user={c.get('user')} csrf={c.get('csrf')} active="/entry" styles={['/web/static/entry.css']} scripts={['/web/static/entry.js']}>
      {problems?.length ? <ErrorSummary problems={problems} /> : null}
      <h1>
        <span class="nhsuk-caption-l">Paper cards and telephone</span>
        <bdi>{unit.name}</bdi>
      </h1>
      <p class="fft-entry-context" data-testid="entry-context">
        <strong>{MODE_COLUMNS[session.mode]}</strong> · filled in on <strong>{longDay(session.date)}</strong> ·{' '}
        <a href={`/entry?${query(session, { change: '1' })}`}>
          Change<span class="nhsuk-u-visually-hidden"> unit, mode or day</span>
        </a>
      </p>
      <p class="fft-entry-status" id="entry-status" role="status" aria-live="polite">
        {props.saved ?? ''}
      </p>

      <form method="post" action="/entry/card" class="fft-card-form" id="card-form" novalidate>
        <Hidden c={c} session={session} />
        <input type="hidden" name="id" value={newId()} />
        <div class={`nhsuk-form-group${answerError ? ' nhsuk-form-group--error' : ''}`}>
          <label class="nhsuk-label nhsuk-label--s" for="answer">
            Answer
          </label>
          <div class="nhsuk-hint" id="answer-hint">
            {answerHint(unit.question)}
          </div>
          <span class="nhsuk-error-message" id="answer-error" hidden={!answerError}>
            {answerError ?? ''}
          </span>
          <input
            class={`nhsuk-input nhsuk-input--width-2${answerError ? ' nhsuk-input--error' : ''}`}
            id="answer"
            name="answer"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            maxlength={2}
            value={values?.answer ?? ''}
            autofocus
            aria-describedby="answer-hint answer-error"
            data-codes={codes.join(',')}
          />
        </div>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label nhsuk-label--s" for="comment">
            Comment (optional)
          </label>
          <div class="nhsuk-hint" id="comment-hint">
            Type it as written. Enter saves the card.
          </div>
          <input class="nhsuk-input" id="comment" name="comment" type="text" autocomplete="off" maxlength={MAX_COMMENT_CHARS} value={values?.comment ?? ''} aria-describedby="comment-hint" />
        </div>
        <button class="nhsuk-button fft-save" type="submit">
          Save card
        </button>
      </form>

      <section class="fft-undo" id="undo" aria-labelledby="undo-title" hidden={!props.last}>
        <h2 class="nhsuk-heading-s" id="undo-title">
          Your last entry
        </h2>
        <p id="undo-text">{props.last ? describe(props.last.detail) : ''}</p>
        <form method="post" action="/entry/undo">
          <Hidden c={c} session={session} />
          <input type="hidden" name="entry" id="undo-entry" value={props.last?.record.id ?? ''} />
          <button class="nhsuk-button nhsuk-button--secondary" type="submit" id="undo-button">
            Undo last entry
          </button>
        </form>
      </section>

      <h2>Tally: counts only</h2>
      <p>For a pile of cards with no comments: how many gave each answer. They are stored as that many cards, for <bdi>{unit.name}</bdi>, {MODE_COLUMNS[session.mode]}, {longDay(session.date)}.</p>
      <form method="post" action="/entry/tally" class="fft-tally" novalidate>
        <Hidden c={c} session={session} />
        <input type="hidden" name="id" value={newId()} />
        <div class={`fft-tally__counts${tallyError ? ' nhsuk-form-group--error' : ''}`}>
          {codes.map((a) => (
            <div class="nhsuk-form-group fft-tally__count">
              <label class="nhsuk-label" for={`n-${a}`}>
                {answerLabel(unit.question, a)}
              </label>
              <input class="nhsuk-input nhsuk-input--width-3" id={`n-${a}`} name={`n-${a}`} type="text" inputmode="numeric" autocomplete="off" value={values?.[`n-${a}`] ?? ''} />
            </div>
          ))}
        </div>
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">
          Save tally
        </button>
      </form>
    </StaffPage>
  );
}

export function entryRoutes(deps: WebAppDeps) {
  const { store, clock, writer } = deps;
  const app = new Hono<WebEnv>();
  const guard = requireStaff(deps, ['matron', 'admin']);
  const body = formBody(64 * 1024);
  // '/entry/*' matches '/entry' itself too: mounted once, so a form is read and checked once
  // (mounted for both, a POST to /entry read its body twice, and the second read was a 500).
  app.use('/entry/*', body, guard);

  async function myUnits(c: EntryContext): Promise<Unit[]> {
    const principal = c.get('principal');
    return (await store.listUnits()).filter((u) => u.active && unitInScope(principal, u)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The unit, mode and day from a query or form. `notFound` when the unit is not one this user
   * may enter cards for (another ward's code is as unknown as a made-up one).
   */
  async function sessionFrom(c: EntryContext, v: Record<string, string | undefined>): Promise<{ session?: Session; problems: Problem[]; notFound?: true }> {
    const problems: Problem[] = [];
    const code = (v.unit ?? '').trim();
    const unit = code ? (await myUnits(c)).find((u) => u.code === code) : undefined;
    if (code && !unit) return { problems, notFound: true };
    if (!unit) problems.push({ field: 'unit', message: 'Choose the unit the cards are from' });
    const choice = v.mode as EntryMode;
    if (!(ENTRY_MODES as readonly string[]).includes(choice ?? '')) problems.push({ field: 'mode-paper-discharge', message: 'Choose how the answers were collected' });
    const date = (v.date ?? '').trim();
    const today = londonDay(clock());
    if (!isDay(date)) problems.push({ field: 'date', message: 'Enter the day the cards were filled in, like 2026-11-20' });
    else if (date > today) problems.push({ field: 'date', message: 'The day the cards were filled in cannot be in the future' });
    else if (date < addDays(today, -MAX_AGE_DAYS)) problems.push({ field: 'date', message: 'Cards filled in more than a year ago cannot be entered' });
    if (problems.length || !unit) return { problems };
    return { session: { unit, choice, date, ...entryMode(choice, unit.setting) }, problems };
  }

  async function lastEntry(c: EntryContext): Promise<{ record: AuditRecord; detail: EntryDetail } | null> {
    const [record] = await store.findAudit({ actor: actorOf(c.get('principal')), actions: ENTRY_ACTIONS, limit: 1 });
    if (!record || record.action === 'entry.undo') return null;
    return { record, detail: record.detail as EntryDetail };
  }

  /** A form problem as the API names it: the form field, not the element its error links to. */
  function issueOf(problem: Problem) {
    return { path: problem.field?.startsWith('mode-') ? 'mode' : (problem.field ?? 'form'), message: problem.message };
  }

  function wantsJson(c: EntryContext): boolean {
    return (c.req.header('accept') ?? '').includes('application/json');
  }

  function responseRow(session: Session, id: string, answer: number, comment: string | null, now: Date): NewResponse {
    // A card from an earlier day counts on that day: noon UTC is that London day in summer and winter.
    const answeredAt = session.date === londonDay(now) ? now.toISOString() : `${session.date}T12:00:00.000Z`;
    return {
      id, unitCode: session.unit.code, question: session.unit.question, answer, comment, channel: session.channel, mode: session.mode,
      answeredAt, answeredDay: session.date, receivedAt: now.toISOString(), language: 'en',
      ageBand: null, sex: null, ethnicity: null, disability: null, completedBy: null, deviceId: null, flagged: false,
    };
  }

  /** Stores rows through the one write path and audits them as one entry (a repeat post of the same form stores nothing). */
  /** A form sent twice (Back, or a retry after a lost answer) stores nothing new: say so, not "saved". */
  const ALREADY_SAVED = 'That form had already been saved, so nothing new was stored. To change an entry, undo it and key it again.';

  async function enter(c: EntryContext, session: Session, rows: NewResponse[], action: 'entry.card' | 'entry.tally'): Promise<boolean> {
    const outcomes = await writer.write(rows);
    const fresh = rows.filter((_, i) => !outcomes[i]!.duplicate);
    if (fresh.length === 0) return false;
    const answers: Record<string, number> = {};
    for (const r of fresh) answers[r.answer] = (answers[r.answer] ?? 0) + 1;
    const detail: EntryDetail = {
      responseIds: fresh.map((r) => r.id), unitName: session.unit.name, mode: session.mode, day: session.date, answers, comments: fresh.filter((r) => r.comment).length,
    };
    await audit(store, clock, c.get('principal'), action, session.unit.code, detail);
    return true;
  }

  /** The unit, mode and day of this user's entry in the last few hours, to start from again. */
  async function recentChoice(c: EntryContext, units: Unit[]): Promise<{ unit?: string; mode?: string; date?: string }> {
    const [record] = await store.findAudit({ actor: actorOf(c.get('principal')), actions: ['entry.card', 'entry.tally'], limit: 1 });
    if (!record || clock().getTime() - Date.parse(record.at) > STICKY_MS || !units.some((u) => u.code === record.target)) return {};
    const detail = record.detail as EntryDetail;
    return { unit: record.target ?? undefined, mode: CHOICE_OF[detail.mode], date: detail.day };
  }

  app.get('/entry', async (c) => {
    const units = await myUnits(c);
    const today = londonDay(clock());
    const q = c.req.query();
    const asked = q.unit !== undefined || q.mode !== undefined || q.date !== undefined;
    if (!asked) return c.html(<SetupPage c={c} units={units} today={today} values={await recentChoice(c, units)} />);
    const { session, problems, notFound: unknown } = await sessionFrom(c, q);
    if (unknown) return notFound(c);
    if (!session || q.change === '1') return c.html(<SetupPage c={c} units={units} today={today} values={q} problems={q.change === '1' ? [] : problems} />, session || q.change === '1' ? 200 : 400);
    const saved = q.saved === 'card' ? 'Card saved. Next card.' : q.saved === 'tally' ? 'Tally saved.' : q.saved === 'undone' ? 'Your last entry was taken back out.' : q.saved === 'already' ? ALREADY_SAVED : null;
    return c.html(<CardPage c={c} session={session} last={await lastEntry(c)} saved={saved} />);
  });

  app.post('/entry/card', async (c) => {
    const f = Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const { session, problems, notFound: unknown } = await sessionFrom(c, f);
    if (unknown) return wantsJson(c) ? errorJson(c, 404, 'unit_not_found', 'No unit of yours has that code', [{ path: 'unit', message: 'No unit of yours has that code' }]) : notFound(c);
    if (!session) {
      if (wantsJson(c)) return errorJson(c, 400, 'invalid_entry', problems[0]?.message ?? 'Choose the unit, mode and day again', problems.map(issueOf));
      return c.html(<SetupPage c={c} units={await myUnits(c)} today={londonDay(clock())} values={f} problems={problems} />, 400);
    }
    const raw = (f.answer ?? '').trim();
    const answer = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
    const codes = ANSWER_CODES[session.unit.question];
    if (!codes.includes(answer)) {
      const message = raw === '' ? `Type the answer on the card: ${codes[0]} to ${codes.at(-1)}` : `${isolate(raw.slice(0, 10))} is not an answer: type ${codes[0]} to ${codes.at(-1)}`;
      if (wantsJson(c)) return errorJson(c, 400, 'invalid_card', message, [{ path: 'answer', message }]);
      return c.html(<CardPage c={c} session={session} last={await lastEntry(c)} problems={[{ field: 'answer', message }]} values={f} />, 400);
    }
    const comment = cleanText(f.comment ?? '').trim();
    const id = formId(f.id);
    const row = responseRow(session, id, answer, comment ? [...comment].slice(0, MAX_COMMENT_CHARS).join('') : null, clock());
    const stored = await enter(c, session, [row], 'entry.card');
    if (wantsJson(c)) {
      const last = await lastEntry(c);
      const saved = stored ? `Card saved: ${answerLabel(session.unit.question, answer)}${row.comment ? ', with a comment' : ''}. Next card.` : ALREADY_SAVED;
      return c.json({ saved, duplicate: !stored, nextId: newId(), last: last ? { entry: last.record.id, text: describe(last.detail) } : null });
    }
    return c.redirect(`/entry?${query(session, { saved: stored ? 'card' : 'already' })}`, 303);
  });

  app.post('/entry/tally', async (c) => {
    const f = Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const { session, problems, notFound: unknown } = await sessionFrom(c, f);
    if (unknown) return notFound(c);
    if (!session) return c.html(<SetupPage c={c} units={await myUnits(c)} today={londonDay(clock())} values={f} problems={problems} />, 400);
    const codes = ANSWER_CODES[session.unit.question];
    const counts: [number, number][] = [];
    const bad: Problem[] = [];
    for (const a of codes) {
      const raw = (f[`n-${a}`] ?? '').trim();
      if (raw === '') continue;
      if (!/^\d{1,4}$/.test(raw)) bad.push({ field: `n-${a}`, message: `The count for ${answerLabel(session.unit.question, a)} must be a whole number` });
      else if (Number(raw) > 0) counts.push([a, Number(raw)]);
    }
    const total = counts.reduce((s, [, n]) => s + n, 0);
    if (!bad.length && total === 0) bad.push({ field: `n-${codes[0]}`, message: 'Type how many cards gave each answer' });
    if (!bad.length && total > MAX_TALLY) bad.push({ field: `n-${codes[0]}`, message: `At most ${MAX_TALLY} cards in one tally: split the pile` });
    if (bad.length) return c.html(<CardPage c={c} session={session} last={await lastEntry(c)} problems={bad} values={f} />, 400);
    const now = clock();
    // Ids follow from the form's own id, so sending the same tally twice stores it once.
    const base = formId(f.id);
    const rows: NewResponse[] = [];
    for (const [a, n] of counts) for (let i = 0; i < n; i++) rows.push(responseRow(session, tallyId(base, rows.length), a, null, now));
    const stored = await enter(c, session, rows, 'entry.tally');
    return c.redirect(`/entry?${query(session, { saved: stored ? 'tally' : 'already' })}`, 303);
  });

  app.post('/entry/undo', async (c) => {
    const f = Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const { session, problems, notFound: unknown } = await sessionFrom(c, f);
    if (unknown) return notFound(c);
    if (!session) return c.html(<SetupPage c={c} units={await myUnits(c)} today={londonDay(clock())} values={f} problems={problems} />, 400);
    const last = await lastEntry(c);
    if (!last || last.record.id !== f.entry) {
      return c.html(<CardPage c={c} session={session} last={last} problems={[{ message: 'Only your own last entry can be undone, once: that one has already been undone or is no longer your last.' }]} />, 409);
    }
    const unit = await store.getUnit(last.record.target ?? '');
    if (!unit || !unitInScope(c.get('principal'), unit)) return notFound(c);
    const removed: string[] = [];
    for (const id of last.detail.responseIds) if (await store.deleteResponse(id)) removed.push(id);
    await audit(store, clock, c.get('principal'), 'entry.undo', unit.code, { entry: last.record.id, responseIds: removed });
    return c.redirect(`/entry?${query(session, { saved: 'undone' })}`, 303);
  });

  // After every entry route: any other address under /entry is the staff 404 page.
  app.all('/entry/*', (c) => notFound(c));
  return app;
}

/** The n-th id of a tally: the form's UUID with its last 12 hex digits counting up. */
function tallyId(base: string, n: number): string {
  const tail = (BigInt(`0x${base.slice(24)}`) + BigInt(n)) % 0x1000000000000n;
  return `${base.slice(0, 24)}${tail.toString(16).padStart(12, '0')}`;
}
