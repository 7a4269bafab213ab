/**
 * What the public results publish for a trust in a month: each unit's, site's and the trust's
 * % positive and % negative, with NHS England's suppression cascade (shared/reference/FFT.md §2)
 * deciding which places are withheld. A withheld place carries no figures at all, so nothing
 * that renders the public pages or the open-data CSV can leak one by mistake.
 */
import type { Question } from '../../analytics/fft.ts';
import { addCounts, score, sharePercent, type Counts } from '../../analytics/scores.ts';
import { cascadeSuppression, type OrganisationRow, type SuppressionReason } from '../../analytics/suppression.ts';
import type { Store, SumRow, Unit } from '../../db/store.ts';
import type { OrgNode } from '../reads/node.ts';
import { defaultQuestion } from '../reads/scores.ts';

/**
 * One place's figure for one month, in one question version (the place's own, as the scores
 * API reads it). `published` is the only kind that holds numbers.
 */
export type Figure =
  | { kind: 'none'; question: Question }
  | { kind: 'suppressed'; question: Question; reason: SuppressionReason }
  | {
      kind: 'published';
      question: Question;
      responses: number;
      /** Answer code → responses, zero-filled for the question version. */
      counts: Counts;
      /** Shares 0–1, as `analytics/scores.ts` computes them. */
      positive: number;
      negative: number;
      /** Whole percentages, rounded half up from the counts (exact, unlike share × 100). */
      positivePercent: number;
      negativePercent: number;
    };

export interface UnitResult {
  unit: Unit;
  figure: Figure;
}

export interface SiteResult {
  code: string;
  name: string;
  figure: Figure;
  /** Every unit of the site, active or not; callers choose which to list. */
  units: UnitResult[];
}

export interface TrustResult {
  month: string;
  code: string;
  name: string;
  figure: Figure;
  sites: SiteResult[];
}

const nodeOf = (level: 'site' | 'trust', code: string, name: string, units: Unit[]): OrgNode => ({ level, code, name, setting: null, units });

/**
 * A trust's published figures for a month from its units (all of them, active or not: their
 * answers are in the site and trust totals) and the month's answer counts per unit.
 *
 * The cascade runs once per question version over trust → site → unit, each place counting
 * only its answers in that version, because a figure can only be subtracted from a total of
 * the same version. A place's figure is withheld when the cascade of its own version
 * suppresses it for any reason (1–4 responses; rank 2 beside a small rank 1; rank 1 or 2 under
 * a withheld parent). NHS England blanks only the six counts of a secondary or parent-
 * suppressed row and keeps its responses and percentages; we withhold those too, since
 * responses × percentage gives the counts back and the subtraction the cascade guards
 * against works again. The trust is the top of the tree: the public pages publish no ICB
 * total for it to be subtracted from.
 */
export function trustResult(month: string, units: readonly Unit[], rows: readonly SumRow[]): TrustResult {
  if (units.length === 0) throw new RangeError('a trust needs at least one unit');
  const trustUnits = [...units].sort(byName);
  const first = trustUnits[0]!;
  const counts = new Map<string, Map<string, Counts>>();
  for (const row of rows) {
    if (row.period !== month || row.unitCode === null) continue;
    const byQuestion = counts.get(row.unitCode) ?? new Map<string, Counts>();
    byQuestion.set(row.question, addCounts(byQuestion.get(row.question) ?? {}, { [row.answer]: row.count }));
    counts.set(row.unitCode, byQuestion);
  }
  const countsOf = (list: readonly Unit[], question: Question): Counts =>
    list.reduce<Counts>((sum, u) => addCounts(sum, counts.get(u.code)?.get(question) ?? {}), {});
  const responsesOf = (list: readonly Unit[], question: Question): number =>
    Object.values(countsOf(list, question)).reduce((a, b) => a + b, 0);

  const sites = new Map<string, { code: string; name: string; units: Unit[] }>();
  for (const u of trustUnits) {
    const site = sites.get(u.siteCode) ?? { code: u.siteCode, name: u.siteName, units: [] };
    site.units.push(u);
    sites.set(u.siteCode, site);
  }
  const siteList = [...sites.values()].sort(byName);
  const trustQuestion = defaultQuestion(nodeOf('trust', first.trustCode, first.trustName, trustUnits));
  const siteQuestion = new Map(siteList.map((s) => [s.code, defaultQuestion(nodeOf('site', s.code, s.name, s.units))]));

  const versions = new Set<Question>([trustQuestion, ...siteQuestion.values(), ...trustUnits.map((u) => u.question)]);
  const decisions = new Map<Question, Map<string, SuppressionReason | null>>();
  for (const version of versions) {
    const tree: OrganisationRow[] = [{ id: `trust:${first.trustCode}`, parentId: null, level: 'trust', responses: responsesOf(trustUnits, version) }];
    for (const site of siteList) {
      tree.push({ id: `site:${site.code}`, parentId: `trust:${first.trustCode}`, level: 'site', responses: responsesOf(site.units, version) });
      for (const u of site.units) {
        // FFT.md §2: equal wards are ordered by specialty, then ward name.
        tree.push({ id: `unit:${u.code}`, parentId: `site:${site.code}`, level: 'ward', responses: responsesOf([u], version), tieBreak: [u.specialty1 ?? '', u.specialty2 ?? '', u.name] });
      }
    }
    decisions.set(version, new Map(cascadeSuppression(tree).map((d) => [d.id, d.reason])));
  }
  const figure = (id: string, question: Question, list: readonly Unit[]): Figure => figureOf(question, countsOf(list, question), decisions.get(question)!.get(id) ?? null);

  return {
    month,
    code: first.trustCode,
    name: first.trustName,
    figure: figure(`trust:${first.trustCode}`, trustQuestion, trustUnits),
    sites: siteList.map((site) => ({
      code: site.code,
      name: site.name,
      figure: figure(`site:${site.code}`, siteQuestion.get(site.code)!, site.units),
      units: site.units.map((u) => ({ unit: u, figure: figure(`unit:${u.code}`, u.question, [u]) })),
    })),
  };
}

function figureOf(question: Question, counts: Counts, reason: SuppressionReason | null): Figure {
  const s = score(question, counts);
  if (s.responses === 0) return { kind: 'none', question };
  if (reason !== null) return { kind: 'suppressed', question, reason };
  return {
    kind: 'published',
    question,
    responses: s.responses,
    counts: s.counts,
    positive: s.positive!,
    negative: s.negative!,
    positivePercent: sharePercent(s.positive!),
    negativePercent: sharePercent(s.negative!),
  };
}

/**
 * Each month's published figures for the trust of `units`, from the monthly rollups in one
 * query. `excludeFlagged` leaves out answers the gaming guard flagged, as the service setting
 * says every figure must.
 */
export async function loadTrustResults(store: Store, units: readonly Unit[], months: readonly string[], excludeFlagged: boolean): Promise<Map<string, TrustResult>> {
  const sorted = [...months].sort();
  const rows = sorted.length
    ? await store.sumCounts({ unitCodes: units.map((u) => u.code), from: sorted[0]!, to: sorted.at(-1)!, grain: 'month', byUnit: true, flagged: excludeFlagged ? 'exclude' : 'include' })
    : [];
  return new Map(sorted.map((month) => [month, trustResult(month, units, rows)]));
}

function byName(a: { name: string; code?: string }, b: { name: string; code?: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : (a.code ?? '') < (b.code ?? '') ? -1 : (a.code ?? '') > (b.code ?? '') ? 1 : 0;
}
