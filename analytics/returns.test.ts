import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mode, Question, Setting } from './fft.ts';
import {
  ANSWER_COLUMNS,
  buildReturn,
  COLUMN,
  diffReturns,
  RETURN_DEFINITIONS,
  RETURN_SETTINGS,
  sheetColumns,
  validateReturn,
  type Cell,
  type ReturnCount,
  type ReturnInput,
  type ReturnSheet,
  type ReturnUnit,
} from './returns.ts';

function unit(code: string, name: string, site: [string, string], setting: Setting, specialty1: string | null, specialty2: string | null = null, extra: Partial<ReturnUnit> = {}): ReturnUnit {
  return {
    code, name, siteCode: site[0], siteName: site[1], trustCode: 'RAA', trustName: 'Test Trust', icbCode: 'QAA',
    setting, specialty1, specialty2, active: true, ...extra,
  };
}

/** Counts for answers given one by one, all by one mode. */
function answers(unitCode: string, mode: Mode, given: number[], question: Question = 'fft-2020'): ReturnCount[] {
  const byAnswer = new Map<number, number>();
  for (const a of given) byAnswer.set(a, (byAnswer.get(a) ?? 0) + 1);
  return [...byAnswer].map(([answer, count]) => ({ unitCode, question, answer, mode, count }));
}

const GENERAL: [string, string] = ['RAA01', 'General'];
const COTTAGE: [string, string] = ['RAA02', 'Cottage Hospital'];

/**
 * A small trust, worked by hand below. General: Ward 1 (3 answers), Ward 2 (12), Ward 3 (a day
 * unit, 40), Ward 4 (none). Cottage Hospital: Ward 5 and Ward 6 (6 each, a tie). Plus an A&E
 * that is not in the inpatient return and a closed ward that is left out.
 */
const SMALL_TRUST: ReturnInput = {
  month: '2026-11',
  setting: 'inpatient',
  units: [
    unit('W1', 'Ward 1', GENERAL, 'inpatient', '300'),
    unit('W2', 'Ward 2', GENERAL, 'inpatient', '100', '320'),
    unit('W3', 'Ward 3', GENERAL, 'daycase', '320'),
    unit('W4', 'Ward 4', GENERAL, 'inpatient', '300'),
    unit('W5', 'Ward 5', COTTAGE, 'inpatient', '300'),
    unit('W6', 'Ward 6', COTTAGE, 'inpatient', '100'),
    unit('ED', 'Emergency Department', GENERAL, 'ae', null),
    unit('WX', 'Closed Ward', COTTAGE, 'inpatient', '300', null, { active: false }),
  ],
  counts: [
    ...answers('W1', 'electronic-discharge', [1, 1, 2]),
    ...answers('W2', 'sms', [1, 1, 1, 1, 1]),
    ...answers('W2', 'electronic-discharge', [1, 2, 2, 2, 3, 4, 6]),
    ...answers('W3', 'online', Array(10).fill(1)),
    ...answers('W3', 'paper-discharge', [...Array(20).fill(1), ...Array(6).fill(2), 3, 3, 4, 5]),
    ...answers('W5', 'electronic-home', [1, 1, 1, 1, 2, 5]),
    ...answers('W5', 'electronic-home', [1, 2], 'fft-2013'),
    ...answers('W6', 'telephone', [1, 1, 1, 2, 2]),
    ...answers('W6', 'electronic-at-appointment', [2]),
    ...answers('ED', 'sms', [1, 1, 1, 1, 1]),
  ],
  eligible: [
    { unitCode: 'W1', count: 10 },
    { unitCode: 'W2', count: 10 },
    { unitCode: 'W3', count: 80 },
    { unitCode: 'W5', count: 60 },
    { unitCode: 'ED', count: 50 },
  ],
};

/** The small trust with a second trust in its ICB that had 4 answers (Bay 1). */
const WITH_SMALL_NEIGHBOUR: ReturnInput = {
  ...SMALL_TRUST,
  units: [...SMALL_TRUST.units, { ...unit('B1', 'Bay 1', ['RBB01', 'Riverside'], 'inpatient', '300'), trustCode: 'RBB', trustName: 'Other Trust' }],
  counts: [...SMALL_TRUST.counts, ...answers('B1', 'sms', [1, 1, 4, 6])],
};

const rowsOf = (sheet: ReturnSheet) => sheet.rows.map((r) => sheet.columns.map((c) => r.cells[c]));
const sheet = (sheets: ReturnSheet[], name: string) => sheets.find((s) => s.name === name)!;

const PLACE = ['QAA', 'RAA', 'Test Trust'];
const S = '*';

describe('buildReturn: inpatients of a small trust, worked by hand', () => {
  const full = buildReturn(SMALL_TRUST, 'full');
  const publishable = buildReturn(SMALL_TRUST, 'publishable');

  it('has the Wards, Sites and Trusts sheets with NHS England’s columns in order', () => {
    expect(full).toMatchObject({ month: '2026-11', setting: 'inpatient', variant: 'full', question: 'fft-2020', level: 'ward' });
    expect(full.sheets.map((s) => s.name)).toEqual(['Wards', 'Sites', 'Trusts']);
    expect(sheet(full.sheets, 'Wards').columns).toEqual([
      'ICB Code', 'Trust Code', 'Trust Name', 'Site Code', 'Site Name', 'Ward Name', 'Total Responses',
      'Total Eligible', 'Percentage Positive', 'Percentage Negative', 'Very Good', 'Good',
      'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know", 'First Speciality', 'Second Speciality',
      'Response Rate',
    ]);
    expect(sheet(full.sheets, 'Sites').columns).toEqual([
      'ICB Code', 'Trust Code', 'Trust Name', 'Site Code', 'Site Name', 'Total Responses', 'Total Eligible',
      'Percentage Positive', 'Percentage Negative', 'Very Good', 'Good', 'Neither Good nor Poor', 'Poor',
      'Very Poor', "Don't Know", 'Response Rate',
    ]);
    expect(sheet(full.sheets, 'Trusts').columns).toEqual([
      'ICB Code', 'Trust Code', 'Trust Name', 'Total Responses', 'Total Eligible', 'Percentage Positive',
      'Percentage Negative', 'Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know",
      'Mode SMS', 'Mode Electronic Discharge', 'Mode Electronic Home', 'Mode Paper Discharge', 'Mode Paper Home',
      'Mode Telephone', 'Mode Online', 'Mode Other', 'Response Rate',
    ]);
  });

  it('gives each ward its counts, percentages, eligible and response rate; the day unit counts as inpatient', () => {
    // Ward 1: 1,1,2 → VG 2, G 1; positive 3/3, negative 0; 3 of 10 eligible.
    // Ward 2: VG 5+1, G 3, N 1, P 1, DK 1 = 12; positive 9/12, negative 1/12; 12 of 10 eligible (a data problem, shown as is).
    // Ward 3: VG 10+20, G 6, N 2, P 1, VP 1 = 40; positive 36/40, negative 2/40; 40 of 80.
    // Ward 4: no answers: percentages "-", no eligible count.
    // Ward 5: VG 4, G 1, VP 1 = 6 (its two fft-2013 answers are not in a 2020 return); 6 of 60.
    // Ward 6: VG 3, G 3 = 6; no eligible count.
    // Total: VG 45, G 14, N 3, P 2, VP 2, DK 1 = 67; no Total Eligible, as wards 4 and 6 have no count.
    expect(rowsOf(sheet(full.sheets, 'Wards'))).toEqual([
      [null, null, null, null, null, 'Total', 67, null, 59 / 67, 4 / 67, 45, 14, 3, 2, 2, 1, null, null, null],
      [...PLACE, 'RAA01', 'General', 'Ward 1', 3, 10, 1, 0, 2, 1, 0, 0, 0, 0, '300', null, 0.3],
      [...PLACE, 'RAA01', 'General', 'Ward 2', 12, 10, 9 / 12, 1 / 12, 6, 3, 1, 1, 0, 1, '100', '320', 1.2],
      [...PLACE, 'RAA01', 'General', 'Ward 3', 40, 80, 36 / 40, 2 / 40, 30, 6, 2, 1, 1, 0, '320', null, 0.5],
      [...PLACE, 'RAA01', 'General', 'Ward 4', 0, null, '-', '-', 0, 0, 0, 0, 0, 0, '300', null, null],
      [...PLACE, 'RAA02', 'Cottage Hospital', 'Ward 5', 6, 60, 5 / 6, 1 / 6, 4, 1, 0, 0, 1, 0, '300', null, 0.1],
      [...PLACE, 'RAA02', 'Cottage Hospital', 'Ward 6', 6, null, 1, 0, 3, 3, 0, 0, 0, 0, '100', null, null],
    ]);
    expect(sheet(full.sheets, 'Wards').rows.map((r) => r.key)).toEqual(['total', 'unit:W1', 'unit:W2', 'unit:W3', 'unit:W4', 'unit:W5', 'unit:W6']);
  });

  it('sums sites and the trust, with the trust’s modes (an outpatient mode counted as Other)', () => {
    // General: VG 2+6+30 = 38, G 1+3+6 = 10, N 3, P 2, VP 1, DK 1 = 55; Cottage: VG 7, G 4, VP 1 = 12.
    // Neither has a Total Eligible: Ward 4 and Ward 6 have no count (see the eligible tests below).
    expect(rowsOf(sheet(full.sheets, 'Sites'))).toEqual([
      [null, null, null, null, 'Total', 67, null, 59 / 67, 4 / 67, 45, 14, 3, 2, 2, 1, null],
      [...PLACE, 'RAA01', 'General', 55, null, 48 / 55, 3 / 55, 38, 10, 3, 2, 1, 1, null],
      [...PLACE, 'RAA02', 'Cottage Hospital', 12, null, 11 / 12, 1 / 12, 7, 4, 0, 0, 1, 0, null],
    ]);
    // Modes: SMS 5; Electronic Discharge 3 + 7; Electronic Home 6; Paper Discharge 30; Paper Home 0;
    // Telephone 5; Online 10; Other 1 (Ward 6's "at appointment" answer) = 67.
    expect(rowsOf(sheet(full.sheets, 'Trusts'))).toEqual([
      [null, null, 'Total', 67, null, 59 / 67, 4 / 67, 45, 14, 3, 2, 2, 1, 5, 10, 6, 30, 0, 5, 10, 1, null],
      [...PLACE, 67, null, 59 / 67, 4 / 67, 45, 14, 3, 2, 2, 1, 5, 10, 6, 30, 0, 5, 10, 1, null],
    ]);
  });

  it('publishes Ward 1 (3 answers) as * with its percentages, and Ward 2 (next smallest) as * but with its percentages', () => {
    // Ranks under General: Ward 1 (3) 1, Ward 2 (12) 2, Ward 3 (40) 3; Ward 4 (0) unranked and shown.
    // Under Cottage Hospital the tie of 6 goes by specialty: Ward 6 ('100') rank 1, Ward 5 ('300') rank 2; neither is small.
    expect(rowsOf(sheet(publishable.sheets, 'Wards'))).toEqual([
      [null, null, null, null, null, 'Total', 67, null, 59 / 67, 4 / 67, 45, 14, 3, 2, 2, 1, null, null, null],
      [...PLACE, 'RAA01', 'General', 'Ward 1', 3, 10, S, S, S, S, S, S, S, S, '300', null, 0.3],
      [...PLACE, 'RAA01', 'General', 'Ward 2', 12, 10, 9 / 12, 1 / 12, S, S, S, S, S, S, '100', '320', 1.2],
      [...PLACE, 'RAA01', 'General', 'Ward 3', 40, 80, 36 / 40, 2 / 40, 30, 6, 2, 1, 1, 0, '320', null, 0.5],
      [...PLACE, 'RAA01', 'General', 'Ward 4', 0, null, '-', '-', 0, 0, 0, 0, 0, 0, '300', null, null],
      [...PLACE, 'RAA02', 'Cottage Hospital', 'Ward 5', 6, 60, 5 / 6, 1 / 6, 4, 1, 0, 0, 1, 0, '300', null, 0.1],
      [...PLACE, 'RAA02', 'Cottage Hospital', 'Ward 6', 6, null, 1, 0, 3, 3, 0, 0, 0, 0, '100', null, null],
    ]);
    expect(sheet(publishable.sheets, 'Wards').rows.map((r) => r.suppression)).toEqual([null, 'primary', 'secondary', null, null, null, null]);
    // Sites and the trust are large enough and are published whole.
    expect(rowsOf(sheet(publishable.sheets, 'Sites'))).toEqual(rowsOf(sheet(full.sheets, 'Sites')));
    expect(rowsOf(sheet(publishable.sheets, 'Trusts'))).toEqual(rowsOf(sheet(full.sheets, 'Trusts')));
    // The full variant names the same reasons but blanks nothing.
    expect(sheet(full.sheets, 'Wards').rows.map((r) => r.suppression)).toEqual([null, 'primary', 'secondary', null, null, null, null]);
  });

  it('cascades from a suppressed trust to its sites and their smallest wards', () => {
    // A second trust in the ICB with 4 answers: RBB (4) is rank 1 and small, so RAA (67) is rank 2
    // and suppressed (secondary). RAA's sites are then its rank 1 (Cottage 12) and rank 2 (General
    // 55): both suppressed as children of a suppressed parent. Under General, Ward 1 stays primary
    // and Ward 2 secondary; Ward 3 (rank 3) is still shown. Under Cottage, Ward 6 (rank 1) and
    // Ward 5 (rank 2) go with their site. The total (71) is shown.
    const input = WITH_SMALL_NEIGHBOUR;
    const result = buildReturn(input, 'publishable');
    const RBB = ['QAA', 'RBB', 'Other Trust'];
    expect(rowsOf(sheet(result.sheets, 'Trusts'))).toEqual([
      [null, null, 'Total', 71, null, 61 / 71, 5 / 71, 47, 14, 3, 3, 2, 2, 9, 10, 6, 30, 0, 5, 10, 1, null],
      [...PLACE, 67, null, 59 / 67, 4 / 67, S, S, S, S, S, S, 5, 10, 6, 30, 0, 5, 10, 1, null],
      [...RBB, 4, null, S, S, S, S, S, S, S, S, 4, 0, 0, 0, 0, 0, 0, 0, null],
    ]);
    expect(rowsOf(sheet(result.sheets, 'Sites'))).toEqual([
      [null, null, null, null, 'Total', 71, null, 61 / 71, 5 / 71, 47, 14, 3, 3, 2, 2, null],
      [...PLACE, 'RAA01', 'General', 55, null, 48 / 55, 3 / 55, S, S, S, S, S, S, null],
      [...PLACE, 'RAA02', 'Cottage Hospital', 12, null, 11 / 12, 1 / 12, S, S, S, S, S, S, null],
      [...RBB, 'RBB01', 'Riverside', 4, null, S, S, S, S, S, S, S, S, null],
    ]);
    expect(sheet(result.sheets, 'Sites').rows.map((r) => r.suppression)).toEqual([null, 'parent', 'parent', 'primary']);
    const wards = sheet(result.sheets, 'Wards');
    expect(wards.rows.map((r) => [r.label, r.suppression])).toEqual([
      ['Total', null], ['Ward 1', 'primary'], ['Ward 2', 'secondary'], ['Ward 3', null], ['Ward 4', null],
      ['Ward 5', 'parent'], ['Ward 6', 'parent'], ['Bay 1', 'primary'],
    ]);
    expect(rowsOf(wards).slice(3, 7)).toEqual([
      [...PLACE, 'RAA01', 'General', 'Ward 3', 40, 80, 36 / 40, 2 / 40, 30, 6, 2, 1, 1, 0, '320', null, 0.5],
      [...PLACE, 'RAA01', 'General', 'Ward 4', 0, null, '-', '-', 0, 0, 0, 0, 0, 0, '300', null, null],
      [...PLACE, 'RAA02', 'Cottage Hospital', 'Ward 5', 6, 60, 5 / 6, 1 / 6, S, S, S, S, S, S, '300', null, 0.1],
      [...PLACE, 'RAA02', 'Cottage Hospital', 'Ward 6', 6, null, 1, 0, S, S, S, S, S, S, '100', null, null],
    ]);
  });

  it('suppresses for a commissioner exactly as for everyone, and hides a totals row that would give a lone suppressed trust away', () => {
    // As above: RBB (4 answers) is primary, RAA (67) secondary. A commissioner of RAA alone sees
    // RAA's row as the national file has it, and no totals row figures: they would be RAA's.
    const input = WITH_SMALL_NEIGHBOUR;
    const everyone = buildReturn(input, 'publishable');
    const raa = buildReturn({ ...input, visibleTrusts: new Set(['RAA']) }, 'publishable');
    for (const name of ['Trusts', 'Sites', 'Wards']) {
      const national = sheet(everyone.sheets, name);
      const theirs = sheet(raa.sheets, name);
      expect(rowsOf(theirs).slice(1), name).toEqual(rowsOf({ ...national, rows: national.rows.filter((r) => r.org.trustCode === 'RAA') }));
      expect(theirs.rows[0]!.suppression, name).toBe('secondary');
      for (const column of [...ANSWER_COLUMNS, COLUMN.positive, COLUMN.negative]) expect(theirs.rows[0]!.cells[column], `${name} ${column}`).toBe(S);
    }
    // Both trusts, or the whole ICB: the same file as everyone's (two suppressed trusts hide together).
    const both = buildReturn({ ...input, visibleTrusts: new Set(['RAA', 'RBB']) }, 'publishable');
    expect(both.sheets.map(rowsOf)).toEqual(everyone.sheets.map(rowsOf));
    // The full variant scoped: RAA's true figures, the totals row its sum.
    const full = buildReturn({ ...input, visibleTrusts: new Set(['RAA']) }, 'full');
    expect(rowsOf(sheet(full.sheets, 'Trusts'))[0]!.slice(3, 5)).toEqual([67, null]);
    expect(sheet(full.sheets, 'Trusts').rows.map((r) => r.label)).toEqual(['Total', 'Test Trust']);
  });

  it('hides the totals row of an ICB’s commissioner where the cascade hid her ICB, which would give a small ICB away', () => {
    // QAA: Test Trust (67) and Coast Trust (8); QBB: Other Trust's Bay 1 (4). QBB is rank 1 and
    // small, so QAA (75) is rank 2 and hidden, and both its trusts with it. Everyone's file shows
    // the total (79); QAA's commissioner's totals row would be QAA's 75, and 79 less 75 is Bay 1.
    const input: ReturnInput = {
      ...SMALL_TRUST,
      units: [
        ...SMALL_TRUST.units,
        { ...unit('C1', 'Coast Ward', ['RCC01', 'Coast'], 'inpatient', '300'), trustCode: 'RCC', trustName: 'Coast Trust' },
        { ...unit('B1', 'Bay 1', ['RBB01', 'Riverside'], 'inpatient', '300'), trustCode: 'RBB', trustName: 'Other Trust', icbCode: 'QBB' },
      ],
      counts: [...SMALL_TRUST.counts, ...answers('C1', 'sms', [1, 1, 1, 2, 2, 3, 4, 6]), ...answers('B1', 'sms', [1, 1, 4, 6])],
    };
    const everyone = buildReturn(input, 'publishable');
    expect(sheet(everyone.sheets, 'Trusts').rows.map((r) => [r.label, r.cells[COLUMN.responses], r.suppression])).toEqual([
      ['Total', 79, null], ['Test Trust', 67, 'parent'], ['Coast Trust', 8, 'parent'], ['Other Trust', 4, 'primary'],
    ]);
    const qaa = buildReturn({ ...input, visibleTrusts: new Set(['RAA', 'RCC']) }, 'publishable');
    for (const name of ['Trusts', 'Sites', 'Wards']) {
      const totals = sheet(qaa.sheets, name).rows[0]!;
      expect(totals.cells[COLUMN.responses], name).toBe(75);
      expect(totals.suppression, name).toBe('secondary');
      for (const column of [...ANSWER_COLUMNS, COLUMN.positive, COLUMN.negative]) expect(totals.cells[column], `${name} ${column}`).toBe(S);
    }
    // The full return keeps every figure; a commissioner of one of the two trusts is as before.
    expect(sheet(buildReturn({ ...input, visibleTrusts: new Set(['RAA', 'RCC']) }, 'full').sheets, 'Trusts').rows[0]!.cells['Very Good']).toBe(48);
    expect(sheet(buildReturn({ ...input, visibleTrusts: new Set(['RAA']) }, 'publishable').sheets, 'Trusts').rows[0]!.suppression).toBe('secondary');
  });

  it('hides a total of 1–4 responses, and shows a return with no answers as zeros', () => {
    const ae: ReturnInput = { month: '2026-11', setting: 'ae', units: [unit('ED', 'Emergency Department', GENERAL, 'ae', null)], counts: answers('ED', 'sms', [1, 2, 5]), eligible: [] };
    const result = buildReturn(ae, 'publishable');
    expect(result.sheets.map((s) => s.name)).toEqual(['Sites', 'Trusts']);
    expect(rowsOf(sheet(result.sheets, 'Sites'))).toEqual([
      [null, null, null, null, 'Total', 3, null, S, S, S, S, S, S, S, S, null],
      [...PLACE, 'RAA01', 'General', 3, null, S, S, S, S, S, S, S, S, null],
    ]);
    // A&E has no Mode Electronic Home.
    expect(sheet(result.sheets, 'Trusts').columns.filter((c) => c.startsWith('Mode '))).toEqual([
      'Mode SMS', 'Mode Electronic Discharge', 'Mode Paper Discharge', 'Mode Paper Home', 'Mode Telephone', 'Mode Online', 'Mode Other',
    ]);
    const empty = buildReturn({ ...ae, counts: [] }, 'publishable');
    expect(rowsOf(sheet(empty.sheets, 'Sites'))[0]).toEqual([null, null, null, null, 'Total', 0, null, '-', '-', 0, 0, 0, 0, 0, 0, null]);
  });

  it('returns the four maternity questions on their own sheets, ambulance at trust level, outpatients with appointment modes', () => {
    const maternity = buildReturn({
      month: '2026-11',
      setting: 'maternity',
      units: [unit('AN', 'Antenatal Clinic', GENERAL, 'maternity-antenatal', null), unit('LW', 'Labour Ward', GENERAL, 'maternity-birth', null)],
      counts: [...answers('AN', 'sms', [1, 1, 1, 1, 1, 2]), ...answers('LW', 'paper-home', [1, 1, 2, 2, 2, 3, 4])],
      eligible: [{ unitCode: 'LW', count: 70 }],
    }, 'full');
    expect(maternity.sheets.map((s) => s.name)).toEqual([
      'Q1 Antenatal Sites', 'Q1 Antenatal Trusts', 'Q2 Birth Sites', 'Q2 Birth Trusts',
      'Q3 Postnatal Ward Sites', 'Q3 Postnatal Ward Trusts', 'Q4 Postnatal Community Sites', 'Q4 Postnatal Community Trusts',
    ]);
    expect(rowsOf(sheet(maternity.sheets, 'Q2 Birth Sites'))).toEqual([
      [null, null, null, null, 'Total', 7, 70, 5 / 7, 1 / 7, 2, 3, 1, 1, 0, 0, 0.1],
      [...PLACE, 'RAA01', 'General', 7, 70, 5 / 7, 1 / 7, 2, 3, 1, 1, 0, 0, 0.1],
    ]);
    expect(rowsOf(sheet(maternity.sheets, 'Q1 Antenatal Trusts'))[1]).toEqual([...PLACE, 6, null, 1, 0, 5, 1, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, null]);
    expect(rowsOf(sheet(maternity.sheets, 'Q3 Postnatal Ward Sites'))).toEqual([[null, null, null, null, 'Total', 0, null, '-', '-', 0, 0, 0, 0, 0, 0, null]]);

    const ambulance = buildReturn({
      month: '2026-11',
      setting: 'ambulance',
      units: [unit('PT', 'Patient Transport', GENERAL, 'ambulance-pts', null), unit('ST', 'See and Treat', GENERAL, 'ambulance-see-treat', null)],
      counts: answers('PT', 'telephone', [1, 1, 1, 2, 2, 2, 6]),
      eligible: [],
    }, 'full');
    expect(ambulance).toMatchObject({ level: 'trust' });
    expect(ambulance.sheets.map((s) => s.name)).toEqual(['PTS Trusts', 'See and Treat Trusts']);
    expect(rowsOf(sheet(ambulance.sheets, 'PTS Trusts'))[1]).toEqual([...PLACE, 7, null, 6 / 7, 0, 3, 3, 0, 0, 0, 1, 0, 0, 0, 0, 7, 0, 0, null]);
    expect(rowsOf(sheet(ambulance.sheets, 'See and Treat Trusts'))[1]).toEqual([...PLACE, 0, null, '-', '-', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null]);

    expect(sheetColumns('trust', RETURN_DEFINITIONS.outpatient.modes).filter((c) => c.startsWith('Mode '))).toEqual([
      'Mode SMS', 'Mode Electronic At Appointment', 'Mode Electronic After Appointment', 'Mode Paper At Appointment',
      'Mode Paper After Appointment', 'Mode Telephone', 'Mode Online', 'Mode Other',
    ]);
  });

  it('counts the 2013 question in months before April 2020', () => {
    const result = buildReturn({ ...SMALL_TRUST, month: '2020-03' }, 'full');
    expect(result.question).toBe('fft-2013');
    // Only Ward 5's two fft-2013 answers (1, 2) are counted.
    expect(rowsOf(sheet(result.sheets, 'Sites'))[0]).toEqual([null, null, null, null, 'Total', 2, null, 1, 0, 1, 1, 0, 0, 0, 0, null]);
  });
});

describe('buildReturn: Total Eligible of a site, trust or the totals row', () => {
  // Ward 1 (3 answers, 10 eligible) and Ward 2 (12 answers, 20 eligible) at General; Ward 5
  // (6 answers, 60 eligible) and Ward 6 (6 answers, no count yet) at the Cottage Hospital.
  const input: ReturnInput = {
    month: '2026-11',
    setting: 'inpatient',
    units: [
      unit('W1', 'Ward 1', GENERAL, 'inpatient', '300'),
      unit('W2', 'Ward 2', GENERAL, 'inpatient', '100'),
      unit('W5', 'Ward 5', COTTAGE, 'inpatient', '300'),
      unit('W6', 'Ward 6', COTTAGE, 'inpatient', '100'),
    ],
    counts: [...answers('W1', 'sms', [1, 1, 2]), ...answers('W2', 'sms', Array(12).fill(1)), ...answers('W5', 'sms', Array(6).fill(1)), ...answers('W6', 'sms', Array(6).fill(2))],
    eligible: [{ unitCode: 'W1', count: 10 }, { unitCode: 'W2', count: 20 }, { unitCode: 'W5', count: 60 }],
  };
  const eligibleAndRate = (s: ReturnSheet) => s.rows.map((r) => [r.label, r.cells[COLUMN.responses], r.cells[COLUMN.eligible], r.cells[COLUMN.responseRate]]);

  it('sums it where every unit has a count, so Total Responses over Total Eligible is the response rate', () => {
    const result = buildReturn(input, 'full');
    expect(eligibleAndRate(sheet(result.sheets, 'Sites'))[1]).toEqual(['General', 15, 30, 15 / 30]);
  });

  it('leaves it and the rate empty where a unit has none, rather than a part-sum beside every response', () => {
    // Cottage's 12 responses over Ward 5's 60 alone would read as a 20% rate; the trust's 27 over 90 as 30%.
    const result = buildReturn(input, 'full');
    expect(eligibleAndRate(sheet(result.sheets, 'Sites'))).toEqual([['Total', 27, null, null], ['General', 15, 30, 0.5], ['Cottage Hospital', 12, null, null]]);
    expect(eligibleAndRate(sheet(result.sheets, 'Trusts'))).toEqual([['Total', 27, null, null], ['Test Trust', 27, null, null]]);
    // The wards keep their own counts; Ward 6 has none to show.
    expect(eligibleAndRate(sheet(result.sheets, 'Wards')).slice(3)).toEqual([['Ward 5', 6, 60, 0.1], ['Ward 6', 6, null, null]]);
    // Once Ward 6's count arrives, every row has one.
    const complete = buildReturn({ ...input, eligible: [...input.eligible, { unitCode: 'W6', count: 30 }] }, 'full');
    expect(eligibleAndRate(sheet(complete.sheets, 'Trusts'))).toEqual([['Total', 27, 120, 27 / 120], ['Test Trust', 27, 120, 27 / 120]]);
  });

  it('keeps a ward closed since, with eligible patients but no answers that month, in the month it was open', () => {
    // Ward 6 was open in November (30 discharges, none answered) and closed in December: the
    // return for November made again must not drop it and its patients (27 over 90, not 27 over 60).
    const closed = buildReturn({
      ...input,
      units: input.units.map((u) => (u.code === 'W6' ? { ...u, active: false } : u)),
      counts: input.counts.filter((c) => c.unitCode !== 'W6'),
      eligible: [...input.eligible, { unitCode: 'W6', count: 30 }],
    }, 'full');
    expect(eligibleAndRate(sheet(closed.sheets, 'Wards')).at(-1)).toEqual(['Ward 6', 0, 30, 0]);
    expect(eligibleAndRate(sheet(closed.sheets, 'Trusts'))).toEqual([['Total', 21, 120, 21 / 120], ['Test Trust', 21, 120, 21 / 120]]);
    const findings = validateReturn({ ...input, units: input.units.map((u) => (u.code === 'W6' ? { ...u, active: false } : u)), counts: input.counts.filter((c) => c.unitCode !== 'W6'), eligible: [...input.eligible, { unitCode: 'W6', count: 30 }] });
    expect(findings.map((f) => [f.kind, f.unitCode])).toContainEqual(['no-responses', 'W6']);
    // A closed ward with nothing that month (or an eligible count of 0 sent after it closed) stays out.
    const gone = buildReturn({ ...input, units: input.units.map((u) => (u.code === 'W6' ? { ...u, active: false } : u)), counts: input.counts.filter((c) => c.unitCode !== 'W6'), eligible: [...input.eligible, { unitCode: 'W6', count: 0 }] }, 'full');
    expect(sheet(gone.sheets, 'Wards').rows.map((r) => r.label)).toEqual(['Total', 'Ward 1', 'Ward 2', 'Ward 5']);
  });
});

describe('validateReturn', () => {
  it('finds units with no answers, no eligible count, more answers than patients, mixed versions and odd modes', () => {
    const input: ReturnInput = {
      ...SMALL_TRUST,
      units: [...SMALL_TRUST.units, unit('W7', 'Ward 7', COTTAGE, 'inpatient', '300')],
      counts: [...SMALL_TRUST.counts, ...answers('W7', 'sms', [7, 9, 10], 'nps-0-10')],
      eligible: [...SMALL_TRUST.eligible, { unitCode: 'W7', count: 0 }],
    };
    expect(validateReturn(input).map((f) => [f.kind, f.unitCode])).toEqual([
      ['rate-over-100', 'W2'],
      ['no-responses', 'W4'],
      ['missing-eligible', 'W4'],
      ['question-mix', 'W5'],
      ['missing-eligible', 'W6'],
      ['mode-outside-setting', 'W6'],
      ['other-question', 'W7'],
    ]);
    const findings = validateReturn(input);
    expect(findings[0]).toMatchObject({ unitName: 'Ward 2', detail: { responses: 12, eligible: 10, responseRate: 1.2 } });
    expect(findings[3]).toMatchObject({ detail: { versions: { 'fft-2013': 2, 'fft-2020': 6 }, counted: 'fft-2020' } });
    expect(findings[3]!.message).toMatch(/2 left out/);
    expect(findings[5]).toMatchObject({ detail: { modes: { 'electronic-at-appointment': 1 } } });
    expect(findings[6]).toMatchObject({ detail: { versions: { 'nps-0-10': 3 } } });
    // The A&E and the closed ward are not in the inpatient return, so not checked for it.
    expect(findings.some((f) => f.unitCode === 'ED' || f.unitCode === 'WX')).toBe(false);
  });

  it('flags responses against an eligible count of zero', () => {
    const findings = validateReturn({ ...SMALL_TRUST, eligible: [{ unitCode: 'W1', count: 0 }] });
    expect(findings.find((f) => f.unitCode === 'W1')).toMatchObject({ kind: 'rate-over-100', detail: { responses: 3, eligible: 0, responseRate: null } });
  });
});

describe('diffReturns', () => {
  const before = buildReturn(SMALL_TRUST, 'full');

  it('shows what late answers changed, row by row', () => {
    const after = buildReturn({ ...SMALL_TRUST, counts: [...SMALL_TRUST.counts, ...answers('W6', 'telephone', [5])] }, 'full');
    const changes = diffReturns(before, after);
    // Ward 6: 6 → 7 answers, Very Poor 0 → 1, positive 6/6 → 6/7, negative 0 → 1/7 (no eligible count, so no rate).
    expect(changes.find((c) => c.sheet === 'Wards' && c.key === 'unit:W6')).toEqual({
      sheet: 'Wards', key: 'unit:W6', label: 'Ward 6', change: 'changed',
      cells: [
        { column: 'Total Responses', before: 6, after: 7 },
        { column: 'Percentage Positive', before: 1, after: 6 / 7 },
        { column: 'Percentage Negative', before: 0, after: 1 / 7 },
        { column: 'Very Poor', before: 0, after: 1 },
      ],
    });
    // Sites: Cottage 12 → 13; Trusts: RAA 67 → 68 with Mode Telephone 5 → 6. No other ward changed.
    expect(changes.map((c) => `${c.sheet} ${c.key}`)).toEqual([
      'Wards total', 'Wards unit:W6', 'Sites total', 'Sites site:RAA02', 'Trusts total', 'Trusts trust:RAA',
    ]);
    expect(changes.find((c) => c.sheet === 'Trusts' && c.key === 'trust:RAA')!.cells).toContainEqual({ column: 'Mode Telephone', before: 5, after: 6 });
    expect(diffReturns(before, buildReturn(SMALL_TRUST, 'full'))).toEqual([]);
  });

  it('lists added and removed rows, and compares only the rows both exports could show', () => {
    const withNewWard = buildReturn({ ...SMALL_TRUST, units: [...SMALL_TRUST.units, unit('W8', 'Ward 8', COTTAGE, 'inpatient', '300')] }, 'full');
    const added = diffReturns(before, withNewWard);
    expect(added).toEqual([
      {
        sheet: 'Wards', key: 'unit:W8', label: 'Ward 8', change: 'added',
        cells: [
          { column: 'ICB Code', before: null, after: 'QAA' }, { column: 'Trust Code', before: null, after: 'RAA' },
          { column: 'Trust Name', before: null, after: 'Test Trust' }, { column: 'Site Code', before: null, after: 'RAA02' },
          { column: 'Site Name', before: null, after: 'Cottage Hospital' }, { column: 'Ward Name', before: null, after: 'Ward 8' },
          { column: 'Total Responses', before: null, after: 0 }, { column: 'Percentage Positive', before: null, after: '-' },
          { column: 'Percentage Negative', before: null, after: '-' }, ...ANSWER_COLUMNS.map((column) => ({ column, before: null, after: 0 })),
          { column: 'First Speciality', before: null, after: '300' },
        ],
      },
    ]);
    expect(diffReturns(withNewWard, before).map((c) => [c.key, c.change])).toEqual([['unit:W8', 'removed']]);
    // Someone who may compare only site RAA01's rows sees nothing of Cottage Hospital's change.
    const onlyGeneral = (row: { org: { siteCode?: string } }) => row.org.siteCode === 'RAA01';
    expect(diffReturns(before, withNewWard, onlyGeneral)).toEqual([]);
  });
});

describe('properties of the publishable return', () => {
  // Random organisations: unit i sits in site i % 6, site s in trust s % 4, trust t in ICB t % 2,
  // so the tree is always consistent; answers are random counts per unit and answer.
  const organisation = fc.array(
    fc.record({
      site: fc.integer({ min: 0, max: 5 }),
      specialty: fc.constantFrom('100', '300', null),
      active: fc.boolean(),
      counts: fc.array(fc.nat({ max: 4 }), { minLength: 6, maxLength: 6 }),
      mode: fc.constantFrom<Mode>('sms', 'online', 'paper-discharge', 'electronic-at-appointment'),
      eligible: fc.option(fc.nat({ max: 40 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 24 },
  );
  const inputFor = (units: { site: number; specialty: string | null; active: boolean; counts: number[]; mode: Mode; eligible: number | null }[], setting: 'inpatient' | 'ae' | 'community'): ReturnInput => ({
    month: '2026-11',
    setting,
    units: units.map((u, i) => ({
      code: `U${i}`, name: `Unit ${i % 5}`, siteCode: `S${u.site}`, siteName: `Site ${u.site}`,
      trustCode: `T${u.site % 4}`, trustName: `Trust ${u.site % 4}`, icbCode: `Q${(u.site % 4) % 2}`,
      setting: setting === 'inpatient' ? (i % 3 === 0 ? 'daycase' : 'inpatient') : setting,
      specialty1: u.specialty, specialty2: null, active: u.active,
    })),
    counts: units.flatMap((u, i) => u.counts.map((count, a) => ({ unitCode: `U${i}`, question: 'fft-2020', answer: a + 1, mode: u.mode, count }))),
    eligible: units.flatMap((u, i) => (u.eligible === null ? [] : [{ unitCode: `U${i}`, count: u.eligible }])),
  });
  const setting = fc.constantFrom<'inpatient' | 'ae' | 'community'>('inpatient', 'ae', 'community');
  const responses = (cells: Record<string, Cell>) => cells[COLUMN.responses] as number;
  const hidden = (cells: Record<string, Cell>) => ANSWER_COLUMNS.every((c) => cells[c] === '*');

  it('never shows the answers or percentages of a row with 1–4 responses', () => {
    fc.assert(
      fc.property(organisation, setting, (units, s) => {
        for (const sheet of buildReturn(inputFor(units, s), 'publishable').sheets) {
          for (const row of sheet.rows) {
            const n = responses(row.cells);
            if (n >= 1 && n <= 4) {
              expect(hidden(row.cells)).toBe(true);
              expect([row.cells[COLUMN.positive], row.cells[COLUMN.negative]]).toEqual(['*', '*']);
            }
          }
        }
      }),
    );
  });

  it('never leaves exactly one hidden row under a shown parent, so no hidden count is a subtraction away', () => {
    fc.assert(
      fc.property(organisation, setting, (units, s) => {
        const { sheets } = buildReturn(inputFor(units, s), 'publishable');
        for (const sheet of sheets) {
          const rows = sheet.rows.filter((r) => r.level !== 'total');
          // The sheet's totals row is the parent of every row; the sheet above holds each row's own parent.
          const groups: [boolean, typeof rows][] = [[!hidden(sheet.rows[0]!.cells), rows]];
          const above = sheets.find((x) => x.part === sheet.part && x.level === (sheet.level === 'ward' ? 'site' : 'trust'));
          if (above && sheet.level !== 'trust') {
            for (const parent of above.rows.filter((r) => r.level !== 'total')) {
              const code = sheet.level === 'ward' ? parent.org.siteCode : parent.org.trustCode;
              groups.push([!hidden(parent.cells), rows.filter((r) => (sheet.level === 'ward' ? r.org.siteCode : r.org.trustCode) === code)]);
            }
          }
          for (const [parentShown, children] of groups) {
            if (parentShown) expect(children.filter((r) => responses(r.cells) > 0 && hidden(r.cells)).length).not.toBe(1);
          }
        }
      }),
    );
  });

  it('differs from the full return only by *, and every sheet’s totals row adds up its rows', () => {
    fc.assert(
      fc.property(organisation, setting, (units, s) => {
        const input = inputFor(units, s);
        const full = buildReturn(input, 'full');
        const publishable = buildReturn(input, 'publishable');
        full.sheets.forEach((sheet, i) => {
          sheet.rows.forEach((row, j) => {
            const published = publishable.sheets[i]!.rows[j]!;
            expect(published.key).toBe(row.key);
            for (const column of sheet.columns) if (published.cells[column] !== '*') expect(published.cells[column]).toBe(row.cells[column]);
          });
          const numeric = [COLUMN.responses, ...ANSWER_COLUMNS, ...sheet.columns.filter((c) => c.startsWith('Mode '))];
          for (const column of numeric) {
            const sum = sheet.rows.slice(1).reduce((acc, r) => acc + (r.cells[column] as number), 0);
            expect(sheet.rows[0]!.cells[column]).toBe(sum);
          }
          for (const row of sheet.rows) {
            expect(ANSWER_COLUMNS.reduce((acc, c) => acc + (row.cells[c] as number), 0)).toBe(responses(row.cells));
          }
        });
      }),
    );
  });
});

describe('RETURN_SETTINGS', () => {
  it('defines every setting, and no two parts of one return share a unit setting', () => {
    for (const s of RETURN_SETTINGS) {
      const settings = RETURN_DEFINITIONS[s].parts.flatMap((p) => p.settings);
      expect(new Set(settings).size).toBe(settings.length);
    }
  });
});
