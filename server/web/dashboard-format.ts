/**
 * How the dashboard and ward pages put figures into words: percentages, the change on
 * yesterday, SPC signals and comment sentiment. Every colour on those pages comes with one of
 * these texts, so colour is never the only signal.
 */
import type { RedactionTag } from '../../analytics/redaction.ts';
import { sharePercent } from '../../analytics/scores.ts';
import type { Signal, SpcRule } from '../../analytics/spc.ts';

/** A share 0–1 as a whole percentage; a dash when there were no responses. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${sharePercent(share)}%`;
}

export function responsesText(n: number): string {
  return n === 1 ? '1 response' : `${n.toLocaleString('en-GB')} responses`;
}

export type Direction = 'up' | 'down' | 'same';

/** Today's % positive against yesterday's, in whole percentage points. */
export function changeOf(change: number | null): { direction: Direction | null; arrow: string; text: string } {
  if (change === null) return { direction: null, arrow: '', text: 'No change to show: needs responses on both days' };
  const points = sharePercent(change);
  if (points === 0) return { direction: 'same', arrow: '▶', text: 'Same as yesterday' };
  const size = `${Math.abs(points)} point${Math.abs(points) === 1 ? '' : 's'}`;
  return points > 0 ? { direction: 'up', arrow: '▲', text: `Up ${size} on yesterday` } : { direction: 'down', arrow: '▼', text: `Down ${size} on yesterday` };
}

const LONG_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const MEDIUM_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const WHEN_FULL = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** 'Sunday 22 November 2026' for a London calendar day 'YYYY-MM-DD'. */
export const dayLong = (day: string) => LONG_DAY.format(asDate(day));
/** '22 Nov' */
export const dayShort = (day: string) => SHORT_DAY.format(asDate(day));
/** '22 Nov 2026' */
export const dayMedium = (day: string) => MEDIUM_DAY.format(asDate(day));
/** London wall-clock time of an instant, '10:31:05'. */
export const clockTime = (at: Date) => CLOCK.format(at);
/** '22 Nov, 10:31' (London) of an ISO instant. */
export const whenText = (iso: string) => WHEN.format(new Date(iso));
/** '22 Nov 2026, 10:31' (London) of an ISO instant: with its year, for what may be long past. */
export const whenFull = (iso: string) => WHEN_FULL.format(new Date(iso));

export interface SignalLook {
  /** The word shown beside the colour. */
  label: string;
  /** NHS.UK tag colour: Making Data Count's orange, blue and grey. */
  tag: 'orange' | 'blue' | 'grey' | 'white';
  /** Chart point shape, so the signal reads without colour too. */
  shape: 'triangle' | 'rectRot' | 'circle';
  symbol: string;
}

export const SIGNALS: Record<Signal | 'none', SignalLook> = {
  concerning: { label: 'Concerning', tag: 'orange', shape: 'triangle', symbol: '▲' },
  improving: { label: 'Improving', tag: 'blue', shape: 'rectRot', symbol: '◆' },
  common: { label: 'Common cause', tag: 'grey', shape: 'circle', symbol: '●' },
  none: { label: 'No data', tag: 'white', shape: 'circle', symbol: '○' },
};

export const RULES: Record<SpcRule, string> = {
  'outside-limits': 'a point outside the process limits',
  'two-of-three': 'two of three points close to a limit',
  shift: 'a run of 7 days on one side of the mean',
  trend: '7 days in a row rising or falling',
};

/** One sentence a matron can read aloud: what the latest day's SPC signal means. */
export function signalSentence(signal: Signal | null, rule: SpcRule | null | undefined): string {
  if (signal === null) return 'No responses in the last 90 days, so no chart yet.';
  if (signal === 'common') return 'Common cause variation: no sign that things have changed.';
  const why = rule ? ` (${RULES[rule]})` : '';
  return signal === 'concerning' ? `Special cause of concern${why}: look into what has changed.` : `Special cause of improvement${why}: worth finding out what is working.`;
}

/** Sentiment from the comment models: 1 very positive … 5 very negative. */
export const SENTIMENT_GROUPS = {
  praise: [1, 2],
  criticism: [4, 5],
  neutral: [3],
} as const;
export type SentimentGroup = keyof typeof SENTIMENT_GROUPS;

export const SENTIMENT_GROUP_LABELS: Record<SentimentGroup, { title: string; tag: 'green' | 'orange' | 'grey' }> = {
  praise: { title: 'Praise', tag: 'green' },
  criticism: { title: 'Criticism', tag: 'orange' },
  neutral: { title: 'Neither or mixed', tag: 'grey' },
};

export function sentimentGroupOf(sentiment: number | null): SentimentGroup | null {
  if (sentiment === null) return null;
  return sentiment <= 2 ? 'praise' : sentiment >= 4 ? 'criticism' : 'neutral';
}

export const CHANNEL_LABELS: Record<string, string> = {
  kiosk: 'Ward tablet',
  sms: 'Text message',
  web: 'Web form',
  paper: 'Paper card',
  telephone: 'Telephone',
  import: 'Imported',
  'not-stated': 'Not recorded',
};

export const STATUS_LABELS: Record<string, { label: string; tag: 'grey' | 'blue' | 'green' }> = {
  planned: { label: 'Planned', tag: 'grey' },
  'in-progress': { label: 'In progress', tag: 'blue' },
  done: { label: 'Done', tag: 'green' },
};

export const CONCERN_LABELS: Record<string, string> = {
  'self-harm': 'risk of self-harm or suicide',
  'abuse-neglect': 'abuse or neglect',
  'violence-threat': 'violence or threats',
  'unsafe-care': 'unsafe care',
  safeguarding: 'a safeguarding concern',
};

/** Each kind of personal detail redaction hides, one and many. */
const HIDDEN_WORDS: Record<RedactionTag, [one: string, many: string]> = {
  NAME: ['a name', 'names'],
  PHONE: ['a phone number', 'phone numbers'],
  'NHS NUMBER': ['an NHS number', 'NHS numbers'],
  EMAIL: ['an email address', 'email addresses'],
  POSTCODE: ['a postcode', 'postcodes'],
  'DATE OF BIRTH': ['a date of birth', 'dates of birth'],
  ADDRESS: ['an address', 'addresses'],
};

/** 'a name and 2 phone numbers' for the tags redaction found. */
export function hiddenText(tags: readonly RedactionTag[]): string {
  const counts = new Map<RedactionTag, number>();
  for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const parts = [...counts].map(([tag, n]) => (n === 1 ? HIDDEN_WORDS[tag][0] : `${n} ${HIDDEN_WORDS[tag][1]}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}
