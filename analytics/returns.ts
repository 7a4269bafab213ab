/**
 * The monthly FFT return NHS England asks for (shared/reference/FFT.md §5): one sheet per level
 * of the setting's return, each with NHS England's column names in NHS England's order, a
 * totals row on top, Total Eligible and the response rate where known; a "publishable" variant
 * with the suppression cascade of §2; the checks a patient-experience team runs before sending;
 * and what changed since a return was last exported. Pure: units, counts and eligible counts in,
 * rows out.
 */
import { MODE_COLUMNS, type Mode, type Question, type Setting } from './fft.ts';
import { isSuppressed, responseRate, score } from './scores.ts';
import { cascadeSuppression, type OrganisationRow, type SuppressionReason } from './suppression.ts';

export const RETURN_SETTINGS = ['inpatient', 'ae', 'maternity', 'outpatient', 'community', 'mental-health', 'ambulance'] as const;
export type ReturnSetting = (typeof RETURN_SETTINGS)[number];

export const RETURN_VARIANTS = ['full', 'publishable'] as const;
export type ReturnVariant = (typeof RETURN_VARIANTS)[number];

/** The finest level a setting is returned at: inpatients by ward, A&E by site, ambulance by trust. */
export type ReturnLevel = 'ward' | 'site' | 'trust';

/** One question (maternity Q1–Q4) or service (ambulance PTS, see and treat) returned on its own sheets. */
export interface ReturnPart {
  /** Put before each of its sheets' names; empty for a setting returned as one part. */
  label: string;
  settings: readonly Setting[];
}

export interface ReturnDefinition {
  title: string;
  level: ReturnLevel;
  parts: readonly ReturnPart[];
  /** The mode-of-collection columns of the setting, in NHS England's order. */
  modes: readonly Mode[];
}

const STANDARD_MODES: readonly Mode[] = ['sms', 'electronic-discharge', 'electronic-home', 'paper-discharge', 'paper-home', 'telephone', 'online', 'other'];
// FFT.md §4: A&E and ambulance have no Mode Electronic Home.
const NO_HOME_MODES: readonly Mode[] = STANDARD_MODES.filter((m) => m !== 'electronic-home');
// FFT.md §4: outpatients collect at or after the appointment rather than at discharge or at home.
const OUTPATIENT_MODES: readonly Mode[] = [
  'sms', 'electronic-at-appointment', 'electronic-after-appointment', 'paper-at-appointment', 'paper-after-appointment', 'telephone', 'online', 'other',
];

const one = (...settings: Setting[]): ReturnPart[] => [{ label: '', settings }];

/**
 * What each setting's return holds. FFT.md fixes inpatients (ward, incl. daycase), A&E (site) and
 * ambulance (trust) and the four maternity questions; the levels of the others are what NHS
 * England publishes them at. GP, dental and staff FFT are not part of these returns.
 */
export const RETURN_DEFINITIONS: Record<ReturnSetting, ReturnDefinition> = {
  inpatient: { title: 'Inpatient', level: 'ward', modes: STANDARD_MODES, parts: one('inpatient', 'daycase') },
  ae: { title: 'A&E', level: 'site', modes: NO_HOME_MODES, parts: one('ae') },
  maternity: {
    title: 'Maternity',
    level: 'site',
    modes: STANDARD_MODES,
    parts: [
      { label: 'Q1 Antenatal', settings: ['maternity-antenatal'] },
      { label: 'Q2 Birth', settings: ['maternity-birth'] },
      { label: 'Q3 Postnatal Ward', settings: ['maternity-postnatal-ward'] },
      { label: 'Q4 Postnatal Community', settings: ['maternity-postnatal-community'] },
    ],
  },
  outpatient: { title: 'Outpatient', level: 'site', modes: OUTPATIENT_MODES, parts: one('outpatient') },
  community: { title: 'Community', level: 'trust', modes: STANDARD_MODES, parts: one('community') },
  'mental-health': { title: 'Mental Health', level: 'trust', modes: STANDARD_MODES, parts: one('mental-health') },
  ambulance: {
    title: 'Ambulance',
    level: 'trust',
    modes: NO_HOME_MODES,
    parts: [
      { label: 'PTS', settings: ['ambulance-pts'] },
      { label: 'See and Treat', settings: ['ambulance-see-treat'] },
    ],
  },
};

/** NHS England's column names, verbatim (FFT.md §5). */
export const COLUMN = {
  icbCode: 'ICB Code',
  trustCode: 'Trust Code',
  trustName: 'Trust Name',
  siteCode: 'Site Code',
  siteName: 'Site Name',
  wardName: 'Ward Name',
  responses: 'Total Responses',
  eligible: 'Total Eligible',
  positive: 'Percentage Positive',
  negative: 'Percentage Negative',
  firstSpeciality: 'First Speciality',
  secondSpeciality: 'Second Speciality',
  /** Not on NHS England's published sheets; its raw extract's name, put after every NHS England column. */
  responseRate: 'Response Rate',
} as const;

/** The six answer counts, answer codes 1–6 in order. */
export const ANSWER_COLUMNS = ['Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know"] as const;

const SHEET_NAMES: Record<ReturnLevel, string> = { ward: 'Wards', site: 'Sites', trust: 'Trusts' };
const LEVEL_ORDER: readonly ReturnLevel[] = ['ward', 'site', 'trust'];

/**
 * A sheet's columns: the Wards sheet exactly as FFT.md §5 lists it, the Sites sheet without the
 * ward's columns, the Trusts sheet without the site's and with the setting's mode columns after
 * Don't Know; then the response rate.
 */
export function sheetColumns(level: ReturnLevel, modes: readonly Mode[]): string[] {
  const place =
    level === 'ward'
      ? [COLUMN.icbCode, COLUMN.trustCode, COLUMN.trustName, COLUMN.siteCode, COLUMN.siteName, COLUMN.wardName]
      : level === 'site'
        ? [COLUMN.icbCode, COLUMN.trustCode, COLUMN.trustName, COLUMN.siteCode, COLUMN.siteName]
        : [COLUMN.icbCode, COLUMN.trustCode, COLUMN.trustName];
  return [
    ...place,
    COLUMN.responses,
    COLUMN.eligible,
    COLUMN.positive,
    COLUMN.negative,
    ...ANSWER_COLUMNS,
    ...(level === 'trust' ? modes.map((m) => MODE_COLUMNS[m]) : []),
    ...(level === 'ward' ? [COLUMN.firstSpeciality, COLUMN.secondSpeciality] : []),
    COLUMN.responseRate,
  ];
}

/** The question NHS England's return counts in a month: FFT 2020 from April 2020, the 2013 one before. */
export function returnQuestion(month: string): Question {
  return month >= '2020-04' ? 'fft-2020' : 'fft-2013';
}

/** A cell: a number, text (`*` where suppressed, `-` for a percentage of no responses), or empty. */
export type Cell = string | number | null;

export const SUPPRESSED = '*';
/** FFT.md §2: a percentage of no responses is shown as "-". */
export const NO_RESPONSES = '-';

export interface RowOrg {
  icbCode?: string;
  trustCode?: string;
  siteCode?: string;
  unitCode?: string;
}

export interface ReturnRow {
  /** Stable from one export to the next: `total`, `trust:RAA`, `site:RAA01`, `unit:W1`. */
  key: string;
  level: 'total' | ReturnLevel;
  /** What a reader calls the row: the ward, site or trust name, or `Total`. */
  label: string;
  /** Where the row sits in the organisation (no codes on the totals row), for scope checks. */
  org: RowOrg;
  cells: Record<string, Cell>;
  /**
   * Why the publishable variant hides this row's counts (null: shown). Worked out in both
   * variants so a preview can mark the rows; only the publishable variant blanks cells.
   */
  suppression: SuppressionReason | null;
}

export interface ReturnSheet {
  name: string;
  /** The part's label (maternity question, ambulance service); empty for one-part settings. */
  part: string;
  level: ReturnLevel;
  columns: string[];
  rows: ReturnRow[];
}

export interface MonthlyReturn {
  month: string;
  setting: ReturnSetting;
  title: string;
  variant: ReturnVariant;
  question: Question;
  level: ReturnLevel;
  sheets: ReturnSheet[];
}

/** A unit as the return needs it (the store's `Unit` fits). */
export interface ReturnUnit {
  code: string;
  name: string;
  siteCode: string;
  siteName: string;
  trustCode: string;
  trustName: string;
  icbCode: string;
  /** The unit's setting in the return's month (at its end), which may not be its setting now. */
  setting: Setting;
  specialty1: string | null;
  specialty2: string | null;
  active: boolean;
}

/** Responses of one unit in the month, by question version, answer and mode. */
export interface ReturnCount {
  unitCode: string;
  question: string;
  answer: number;
  mode: string | null;
  count: number;
}

export interface ReturnInput {
  month: string;
  setting: ReturnSetting;
  /**
   * Every unit of the setting the service holds: suppression is decided over all of them, as
   * NHS England decides it nationally, so the publishable rows do not depend on who exports.
   */
  units: readonly ReturnUnit[];
  /**
   * The trusts the caller may see (a commissioner's scope); null for all. Rows of other trusts
   * are left out and the totals row is the sum of these trusts.
   */
  visibleTrusts?: ReadonlySet<string> | null;
  /** The month's answer counts (flagged answers already left out where the service says so). */
  counts: readonly ReturnCount[];
  /** Eligible patients per unit for the month, where the trust has sent them. */
  eligible: readonly { unitCode: string; count: number }[];
}

/** Sums for one row: answers 1–6 of the return's question, modes, eligible. */
interface Tally {
  answers: number[];
  modes: Map<Mode, number>;
  /** Sum of eligible over the units that have a count; null when none has. */
  eligible: number | null;
  /** Units summed here that have no eligible count for the month. */
  withoutEligible: number;
}

const emptyTally = (): Tally => ({ answers: [0, 0, 0, 0, 0, 0], modes: new Map(), eligible: null, withoutEligible: 0 });
const total = (t: Tally) => t.answers.reduce((a, b) => a + b, 0);

function addTally(into: Tally, from: Tally): void {
  from.answers.forEach((n, i) => (into.answers[i]! += n));
  for (const [mode, n] of from.modes) into.modes.set(mode, (into.modes.get(mode) ?? 0) + n);
  if (from.eligible !== null) into.eligible = (into.eligible ?? 0) + from.eligible;
  into.withoutEligible += from.withoutEligible;
}

/**
 * A row's Total Eligible: the sum over its units only when every one of them has a count. A sum
 * over some of them is not the patients who could have answered, and whoever reads the return
 * (NHS England included) divides Total Responses by it for the response rate (FFT.md §5).
 */
const eligibleOf = (t: Tally): number | null => (t.withoutEligible === 0 ? t.eligible : null);

/**
 * The units of a part that belong on the return: active ones, and any closed since that had
 * answers or eligible patients this month (it was open then: its patients are in the site's and
 * trust's Total Eligible, as the scores API counts them, and the return made again stays the same).
 */
function partUnits(input: ReturnInput, part: ReturnPart): ReturnUnit[] {
  const open = new Set([...input.counts.filter((c) => c.count > 0).map((c) => c.unitCode), ...input.eligible.filter((e) => e.count > 0).map((e) => e.unitCode)]);
  return input.units
    .filter((u) => part.settings.includes(u.setting) && (u.active || open.has(u.code)))
    .sort((a, b) => compareText(a.icbCode, b.icbCode) || compareText(a.trustCode, b.trustCode) || compareText(a.siteCode, b.siteCode) || compareText(a.name, b.name) || compareText(a.code, b.code));
}

function unitTallies(input: ReturnInput, definition: ReturnDefinition, question: Question): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const tallyOf = (code: string) => {
    let t = tallies.get(code);
    if (!t) tallies.set(code, (t = emptyTally()));
    return t;
  };
  for (const c of input.counts) {
    if (c.question !== question || c.answer < 1 || c.answer > 6 || c.count <= 0) continue;
    const t = tallyOf(c.unitCode);
    t.answers[c.answer - 1]! += c.count;
    // A mode the setting has no column for is counted as Other, so the modes add up to the total.
    const mode = c.mode !== null && definition.modes.includes(c.mode as Mode) ? (c.mode as Mode) : 'other';
    t.modes.set(mode, (t.modes.get(mode) ?? 0) + c.count);
  }
  for (const e of input.eligible) {
    const t = tallyOf(e.unitCode);
    t.eligible = (t.eligible ?? 0) + e.count;
  }
  for (const t of tallies.values()) t.withoutEligible = t.eligible === null ? 1 : 0;
  return tallies;
}

interface Node {
  key: string;
  level: ReturnLevel | 'icb';
  parentKey: string | null;
  label: string;
  org: RowOrg;
  /** The place columns: codes, names, specialities. */
  place: Record<string, Cell>;
  tally: Tally;
  tieBreak?: string[];
}

/**
 * The organisation tree of one part, ICB → trust → site → ward down to the return's level, each
 * node summing the units beneath it. The ICBs are never a sheet but are ranked and cascaded as
 * NHS England does.
 */
function partTree(units: readonly ReturnUnit[], level: ReturnLevel, tallies: Map<string, Tally>): Node[] {
  const nodes = new Map<string, Node>();
  const depth = LEVEL_ORDER.indexOf(level);
  for (const u of units) {
    const tally = tallies.get(u.code) ?? { ...emptyTally(), withoutEligible: 1 };
    const chain: Node[] = [
      { key: `icb:${u.icbCode}`, level: 'icb', parentKey: null, label: u.icbCode, org: { icbCode: u.icbCode }, place: { [COLUMN.icbCode]: u.icbCode }, tally: emptyTally() },
      {
        key: `trust:${u.trustCode}`, level: 'trust', parentKey: `icb:${u.icbCode}`, label: u.trustName,
        org: { icbCode: u.icbCode, trustCode: u.trustCode },
        place: { [COLUMN.icbCode]: u.icbCode, [COLUMN.trustCode]: u.trustCode, [COLUMN.trustName]: u.trustName },
        tally: emptyTally(),
      },
    ];
    if (depth <= 1) {
      chain.push({
        key: `site:${u.siteCode}`, level: 'site', parentKey: `trust:${u.trustCode}`, label: u.siteName,
        org: { icbCode: u.icbCode, trustCode: u.trustCode, siteCode: u.siteCode },
        place: { ...chain[1]!.place, [COLUMN.siteCode]: u.siteCode, [COLUMN.siteName]: u.siteName },
        tally: emptyTally(),
      });
    }
    if (depth === 0) {
      chain.push({
        key: `unit:${u.code}`, level: 'ward', parentKey: `site:${u.siteCode}`, label: u.name,
        org: { icbCode: u.icbCode, trustCode: u.trustCode, siteCode: u.siteCode, unitCode: u.code },
        place: { ...chain[2]!.place, [COLUMN.wardName]: u.name, [COLUMN.firstSpeciality]: u.specialty1, [COLUMN.secondSpeciality]: u.specialty2 },
        tally: emptyTally(),
        // FFT.md §2: equal wards are ordered by specialty, then ward name.
        tieBreak: [u.specialty1 ?? '', u.specialty2 ?? '', u.name],
      });
    }
    for (const node of chain) {
      const existing = nodes.get(node.key) ?? node;
      nodes.set(node.key, existing);
      addTally(existing.tally, tally);
    }
  }
  return [...nodes.values()];
}

function countCells(tally: Tally, modes: readonly Mode[]): Record<string, Cell> {
  const s = score('fft-2020', Object.fromEntries(tally.answers.map((n, i) => [i + 1, n])));
  const eligible = eligibleOf(tally);
  const cells: Record<string, Cell> = {
    [COLUMN.responses]: s.responses,
    [COLUMN.eligible]: eligible,
    [COLUMN.positive]: s.positive ?? NO_RESPONSES,
    [COLUMN.negative]: s.negative ?? NO_RESPONSES,
    [COLUMN.responseRate]: eligible === null ? null : responseRate(s.responses, eligible),
  };
  ANSWER_COLUMNS.forEach((column, i) => (cells[column] = tally.answers[i]!));
  for (const mode of modes) cells[MODE_COLUMNS[mode]] = tally.modes.get(mode) ?? 0;
  return cells;
}

/**
 * FFT.md §2 step 4: a suppressed row's six counts become `*`; its percentages too only when it
 * is itself small (1–4). Total Responses, Total Eligible and the modes stay, as NHS England
 * publishes them.
 */
function blank(cells: Record<string, Cell>, reason: SuppressionReason | null, percentages = reason === 'primary'): Record<string, Cell> {
  if (reason === null) return cells;
  const out = { ...cells };
  for (const column of ANSWER_COLUMNS) out[column] = SUPPRESSED;
  if (percentages) {
    out[COLUMN.positive] = SUPPRESSED;
    out[COLUMN.negative] = SUPPRESSED;
  }
  return out;
}

function sheetRow(columns: readonly string[], cells: Record<string, Cell>): Record<string, Cell> {
  return Object.fromEntries(columns.map((c) => [c, cells[c] ?? null]));
}

/**
 * The monthly return for a month and setting: for each part, one sheet per level from the
 * setting's return level up to trusts, each headed by a totals row. The publishable variant
 * applies NHS England's cascade (FFT.md §2) over ICB → trust → site → ward, with the totals row
 * shown only when it has 5 or more responses (or none).
 */
export function buildReturn(input: ReturnInput, variant: ReturnVariant): MonthlyReturn {
  const definition = RETURN_DEFINITIONS[input.setting];
  const question = returnQuestion(input.month);
  const tallies = unitTallies(input, definition, question);
  const levels = LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(definition.level));
  const sheets: ReturnSheet[] = [];
  for (const part of definition.parts) {
    const units = partUnits(input, part);
    const tree = partTree(units, definition.level, tallies);
    const decisions = new Map(
      cascadeSuppression(tree.map((n): OrganisationRow => ({ id: n.key, parentId: n.parentKey, level: n.level, responses: total(n.tally), tieBreak: n.tieBreak }))).map((d) => [d.id, d.reason]),
    );
    const visible = (n: { org: ReturnRow['org'] }) => !input.visibleTrusts || (n.org.trustCode !== undefined && input.visibleTrusts.has(n.org.trustCode));
    const grand = emptyTally();
    const shownTrusts = tree.filter((n) => n.level === 'trust' && visible(n));
    if (input.visibleTrusts) for (const node of shownTrusts) addTally(grand, node.tally);
    else for (const node of tree) if (node.level === 'icb') addTally(grand, node.tally);
    // A totals row over some trusts, exactly one of them suppressed, would give that one away
    // (the total less the others); the cascade only ever leaves two or more to hide together.
    const scoped = input.visibleTrusts !== undefined && input.visibleTrusts !== null;
    const lone = scoped && shownTrusts.filter((n) => decisions.get(n.key)).length === 1;
    // A totals row over exactly one ICB's trusts (an ICB's commissioner) is that ICB's row: where
    // the cascade hid the ICB (rank 2 beside an ICB of 1–4), showing it would give the small ICB
    // away, as everyone else's totals row less this one.
    const icbCodes = new Set(shownTrusts.map((n) => n.org.icbCode));
    const wholeIcb = scoped && icbCodes.size === 1 && tree.filter((n) => n.level === 'trust' && icbCodes.has(n.org.icbCode)).length === shownTrusts.length;
    const hiddenIcb = wholeIcb && (decisions.get(`icb:${[...icbCodes][0]}`) ?? null) !== null;
    const hideTotal = lone || hiddenIcb;
    const grandReason: SuppressionReason | null = isSuppressed(total(grand)) ? 'primary' : hideTotal ? 'secondary' : null;
    for (const level of levels) {
      const columns = sheetColumns(level, definition.modes);
      const totalRow: ReturnRow = {
        key: 'total',
        level: 'total',
        label: 'Total',
        org: {},
        // The label sits in the sheet's own name column, where NHS England puts its England rows.
        cells: countCells(grand, definition.modes),
        suppression: grandReason,
      };
      totalRow.cells[level === 'ward' ? COLUMN.wardName : level === 'site' ? COLUMN.siteName : COLUMN.trustName] = 'Total';
      const rows = [totalRow, ...tree.filter((n) => n.level === level && visible(n)).map((n): ReturnRow => ({
        key: n.key,
        level,
        label: n.label,
        org: n.org,
        cells: { ...n.place, ...countCells(n.tally, definition.modes) },
        suppression: decisions.get(n.key) ?? null,
      }))];
      sheets.push({
        name: `${part.label ? `${part.label} ` : ''}${SHEET_NAMES[level]}`,
        part: part.label,
        level,
        columns,
        // A lone suppressed trust's (or hidden ICB's neighbour's) counts would also follow from the totals row's percentages.
        rows: rows.map((row) => ({ ...row, cells: sheetRow(columns, variant === 'publishable' ? blank(row.cells, row.suppression, row.suppression === 'primary' || (row.key === 'total' && hideTotal)) : row.cells) })),
      });
    }
  }
  return { month: input.month, setting: input.setting, title: definition.title, variant, question, level: definition.level, sheets };
}

export const FINDING_KINDS = ['no-responses', 'missing-eligible', 'rate-over-100', 'question-mix', 'other-question', 'mode-outside-setting'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Something to look at before the return is sent. */
export interface Finding {
  kind: FindingKind;
  unitCode: string;
  unitName: string;
  message: string;
  detail?: Record<string, unknown>;
}

/**
 * The checks before a return is sent, unit by unit: no responses, no eligible count, a response
 * rate over 100%, answers to more than one question version (only the return's version is
 * counted), answers only to another version, and modes the setting's return has no column for
 * (counted as Mode Other).
 */
export function validateReturn(input: ReturnInput): Finding[] {
  const definition = RETURN_DEFINITIONS[input.setting];
  const question = returnQuestion(input.month);
  const tallies = unitTallies(input, definition, question);
  const countsByUnit = new Map<string, ReturnCount[]>();
  for (const c of input.counts) {
    if (c.count <= 0) continue;
    const list = countsByUnit.get(c.unitCode);
    if (list) list.push(c);
    else countsByUnit.set(c.unitCode, [c]);
  }
  const findings: Finding[] = [];
  for (const part of definition.parts) {
    for (const unit of partUnits(input, part)) {
      const counts = countsByUnit.get(unit.code) ?? [];
      const byVersion = new Map<string, number>();
      for (const c of counts) byVersion.set(c.question, (byVersion.get(c.question) ?? 0) + c.count);
      const tally = tallies.get(unit.code) ?? emptyTally();
      const responses = total(tally);
      const add = (kind: FindingKind, message: string, detail?: Record<string, unknown>) =>
        findings.push({ kind, unitCode: unit.code, unitName: unit.name, message, ...(detail ? { detail } : {}) });

      if (byVersion.size === 0) add('no-responses', `${unit.name} has no responses in ${input.month}`);
      if (tally.eligible === null) add('missing-eligible', `${unit.name} has no eligible count for ${input.month}, so no response rate`);
      else if (responses > tally.eligible) {
        add('rate-over-100', `${unit.name} has ${responses} responses but ${tally.eligible} eligible patients`, { responses, eligible: tally.eligible, responseRate: responseRate(responses, tally.eligible) });
      }
      const versions = Object.fromEntries([...byVersion].sort(([a], [b]) => compareText(a, b)));
      const leftOut = [...byVersion].filter(([v]) => v !== question).reduce((sum, [, n]) => sum + n, 0);
      if (byVersion.size > 1) {
        add('question-mix', `${unit.name} has answers to ${byVersion.size} question versions; only the ${question} ones (${byVersion.get(question) ?? 0}) are in the return, ${leftOut} left out`, { versions, counted: question });
      } else if (byVersion.size === 1 && !byVersion.has(question)) {
        add('other-question', `${unit.name} answered only ${[...byVersion.keys()][0]}, which the ${question} return cannot count (${leftOut} left out)`, { versions, counted: question });
      }
      const outside = new Map<string, number>();
      for (const c of counts) {
        if (c.question === question && (c.mode === null || !definition.modes.includes(c.mode as Mode))) outside.set(c.mode ?? 'none', (outside.get(c.mode ?? 'none') ?? 0) + c.count);
      }
      if (outside.size) {
        const n = [...outside.values()].reduce((a, b) => a + b, 0);
        add('mode-outside-setting', `${unit.name} has ${n} responses by a mode the ${definition.title} return has no column for, counted as Mode Other`, { modes: Object.fromEntries(outside) });
      }
    }
  }
  return findings;
}

/** A row of a return that differs from the same row of an earlier export. */
export interface RowChange {
  sheet: string;
  key: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** The cells that differ (every cell for an added or removed row). */
  cells: { column: string; before: Cell; after: Cell }[];
}

/** A sheet as `diffReturns` reads it: a stored export's sheets fit. */
export interface ComparedSheet {
  name: string;
  columns: readonly string[];
  rows: readonly Pick<ReturnRow, 'key' | 'label' | 'org' | 'cells'>[];
}

/**
 * What changed between an earlier export of a month and the return now, row by row: late
 * responses, corrected eligible counts, new or closed units. Only rows `comparable` says both
 * could show are compared (an export by someone with another scope covers other trusts).
 */
export function diffReturns(
  previous: { sheets: readonly ComparedSheet[] },
  current: { sheets: readonly ComparedSheet[] },
  comparable: (row: Pick<ReturnRow, 'key' | 'org'>) => boolean = () => true,
): RowChange[] {
  const changes: RowChange[] = [];
  const sheetNames = [...new Set([...current.sheets.map((s) => s.name), ...previous.sheets.map((s) => s.name)])];
  for (const name of sheetNames) {
    const before = previous.sheets.find((s) => s.name === name);
    const after = current.sheets.find((s) => s.name === name);
    const beforeRows = new Map((before?.rows ?? []).filter(comparable).map((r) => [r.key, r]));
    const afterRows = new Map((after?.rows ?? []).filter(comparable).map((r) => [r.key, r]));
    const columns = [...new Set([...(after?.columns ?? []), ...(before?.columns ?? [])])];
    for (const key of new Set([...afterRows.keys(), ...beforeRows.keys()])) {
      const b = beforeRows.get(key);
      const a = afterRows.get(key);
      const cells = columns
        .map((column) => ({ column, before: b ? (b.cells[column] ?? null) : null, after: a ? (a.cells[column] ?? null) : null }))
        .filter((c) => c.before !== c.after);
      if (b && a && cells.length === 0) continue;
      changes.push({ sheet: name, key, label: (a ?? b)!.label, change: !b ? 'added' : !a ? 'removed' : 'changed', cells });
    }
  }
  return changes;
}

// Code-unit order, not locale order, so every server sorts the same way.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
