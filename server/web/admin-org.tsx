/** @jsxImportSource hono/jsx */
/**
 * The organisation: ICB → trust → site → unit, as the service knows it. Import the same CSV as
 * `fft org import` (checked whole before anything is written, a bad line named by its number),
 * add a site to a trust or rename one, add a unit to a site, edit a unit, and deactivate or
 * reactivate it. Every change is audited.
 */
import { Hono } from 'hono';
import { QUESTIONS, SETTING_LABELS, SETTINGS, type Question, type Setting } from '../../analytics/fft.ts';
import type { OrgRow, Site, Unit } from '../../db/store.ts';
import type { UnitPatch } from '../../db/staff-store.ts';
import { audit } from '../audit.ts';
import { isolate } from '../bidi.ts';
import { importOrgCsv, ORG_HEADER } from '../org/csv.ts';
import { CONTROL_CHARACTER } from '../collect/schema.ts';
import { notFound, type WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { ActionButton, AdminPage, AdminTable, Csrf, CsvImportForm, formFields, parseThreshold, SelectField, TextField, thresholdText, uploadedText, type AdminContext, type Problem } from './admin-ui.tsx';
import { addMonths, monthOf } from '../../analytics/periods.ts';
import { monthLong } from './returns-format.ts';
import { Names } from './ui.tsx';


const QUESTION_LABELS: Record<Question, string> = {
  'fft-2020': 'FFT 2020 (very good … very poor)',
  'fft-2013': 'FFT 2013 (extremely likely … extremely unlikely)',
  'nps-0-10': '0 to 10 (staff and local surveys)',
};

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The add pages sit beside, not among, the pages of each unit and site (`/admin/org/units/W1`):
 * at `/admin/org/units/new` they hid a unit or site coded `new`, a code the organisation file has
 * always taken, so a trust may already have one and re-imports its file with it.
 */
const ADD_UNIT = '/admin/org/add-unit';
const ADD_SITE = '/admin/org/add-site';
/** Where the add pages were: an old link or bookmark finds them, unless a unit or site has that code. */
const OLD_ADD_PATH = 'new';

const DONE: Record<string, string> = {
  'unit-added': 'The unit was added.',
  'unit-updated': 'The unit was saved.',
  'unit-deactivated': 'The unit was deactivated: it no longer takes answers from the web form, SMS or paper entry.',
  'unit-reactivated': 'The unit was reactivated.',
  'site-added': 'The site was added. Add its units next.',
  'site-renamed': 'The site’s name was changed.',
};

interface UnitForm {
  code: string;
  site: string;
  name: string;
  setting: string;
  specialty1: string;
  specialty2: string;
  question: string;
  threshold: string;
}

function formOf(unit: Unit): UnitForm {
  return {
    code: unit.code, site: unit.siteCode, name: unit.name, setting: unit.setting, specialty1: unit.specialty1 ?? '', specialty2: unit.specialty2 ?? '',
    question: unit.question, threshold: thresholdText(unit.negativeThreshold),
  };
}

/** Checks the fields every unit has; the caller checks code and site for a new one. */
function checkUnit(f: Record<string, string>): { form: UnitForm; patch?: Required<Omit<UnitPatch, 'active'>>; problems: Problem[] } {
  const form: UnitForm = {
    code: (f.code ?? '').trim(), site: (f.site ?? '').trim(), name: (f.name ?? '').trim(), setting: f.setting ?? '',
    specialty1: (f.specialty1 ?? '').trim(), specialty2: (f.specialty2 ?? '').trim(), question: f.question ?? '', threshold: f.threshold ?? '',
  };
  const problems: Problem[] = [];
  if (!form.name) problems.push({ field: 'name', message: 'Enter the unit’s name' });
  else if (form.name.length > 200) problems.push({ field: 'name', message: 'The name must be at most 200 characters' });
  else if (CONTROL_CHARACTER.test(form.name)) problems.push({ field: 'name', message: 'The name must be on one line, with no line breaks or tabs' });
  if (!(SETTINGS as readonly string[]).includes(form.setting)) problems.push({ field: 'setting', message: 'Choose the setting' });
  for (const k of ['specialty1', 'specialty2'] as const) {
    if (form[k].length > 32) problems.push({ field: k, message: 'A specialty code must be at most 32 characters' });
    else if (CONTROL_CHARACTER.test(form[k])) problems.push({ field: k, message: 'A specialty code must have no line breaks, tabs or other control characters' });
  }
  if (!(QUESTIONS as readonly string[]).includes(form.question)) problems.push({ field: 'question', message: 'Choose the question version' });
  const threshold = parseThreshold(form.threshold);
  if ('problem' in threshold) problems.push({ field: 'threshold', message: `The alert threshold ${threshold.problem}` });
  if (problems.length || 'problem' in threshold) return { form, problems };
  return {
    form,
    problems,
    patch: {
      name: form.name, setting: form.setting as Setting, specialty1: form.specialty1 || null, specialty2: form.specialty2 || null,
      question: form.question as Question, negativeThreshold: threshold.value,
    },
  };
}

interface SiteChoice {
  code: string;
  /** For the choice's <option>, which can hold no <bdi>. */
  label: string;
  sortKey: string;
  site: Site;
}

/** Every site, one with no unit yet too (a site just added has none). */
function siteChoices(sites: Site[]): SiteChoice[] {
  return sites
    .map((s) => ({ code: s.code, label: `${isolate(s.name)} (${s.code}) – ${isolate(s.trustName)}`, sortKey: `${s.name} (${s.code}) – ${s.trustName}`, site: s }))
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}

interface TrustChoice {
  code: string;
  label: string;
  sortKey: string;
}

/** The trusts the service knows: each came with a site in an organisation file. */
function trustChoices(sites: Site[]): TrustChoice[] {
  const trusts = new Map<string, TrustChoice>();
  for (const s of sites) {
    if (trusts.has(s.trustCode)) continue;
    trusts.set(s.trustCode, { code: s.trustCode, label: `${isolate(s.trustName)} (${s.trustCode}) – ${isolate(s.icbName)}`, sortKey: `${s.trustName} (${s.trustCode}) – ${s.icbName}` });
  }
  return [...trusts.values()].sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}

interface SiteForm {
  trust: string;
  code: string;
  name: string;
}

/** A site's name, as the organisation file's rules have it. */
function checkSiteName(name: string): Problem | undefined {
  if (!name) return { field: 'name', message: 'Enter the site’s name' };
  if (name.length > 200) return { field: 'name', message: 'The name must be at most 200 characters' };
  if (CONTROL_CHARACTER.test(name)) return { field: 'name', message: 'The name must be on one line, with no line breaks or tabs' };
  return undefined;
}

/**
 * A unit or site code already stored, this one or the same in other capitals: that would be a
 * second unit or site nobody could tell from the first (and the web form finds W2 at /f/w2).
 */
function codeTaken(kind: 'unit' | 'site', codes: string[], code: string): Problem | undefined {
  const taken = codes.find((c) => c.toLowerCase() === code.toLowerCase());
  if (taken === undefined) return undefined;
  return { field: 'code', message: taken === code ? `A ${kind} with code ${code} already exists` : `A ${kind} with code ${taken} already exists: use another code, not the same one in other capitals` };
}

/** What a new setting does to the monthly returns: it counts from this month, and the months before keep theirs. */
function settingChangeHint(month: string, before: Setting): string {
  return `A new setting counts from ${monthLong(month)}: from then on this unit is in that setting’s monthly return, and earlier months stay in the ${SETTING_LABELS[before]} return.`;
}

function UnitFields(props: { form: UnitForm; problems?: Problem[]; settingHint?: string }) {
  const { form, problems } = props;
  return (
    <>
      <TextField id="name" label="Name" value={form.name} problems={problems} hint="As staff and patients know it, e.g. Ward 7 (Cardiology)" />
      <SelectField id="setting" label="Setting" hint={props.settingHint} value={form.setting} problems={problems} options={[{ value: '', label: 'Choose a setting' }, ...SETTINGS.map((s) => ({ value: s, label: SETTING_LABELS[s] }))]} />
      <TextField id="specialty1" label="First specialty code (optional)" hint="The treatment function code in NHS England's return, e.g. 300" value={form.specialty1} problems={problems} width={5} />
      <TextField id="specialty2" label="Second specialty code (optional)" value={form.specialty2} problems={problems} width={5} />
      <SelectField id="question" label="Question version" value={form.question} problems={problems} options={QUESTIONS.map((q) => ({ value: q, label: QUESTION_LABELS[q] }))} />
      <TextField
        id="threshold"
        label="Alert threshold, % negative on a day (optional)"
        hint="A day with a larger share of poor and very poor answers raises an alert. Leave blank for the service default (20%)."
        value={form.threshold}
        problems={problems}
        width={4}
        inputmode="decimal"
      />
    </>
  );
}

function OrgPage(props: { c: AdminContext; sites: Site[]; units: Unit[]; notice?: string | null; problems?: Problem[]; pasted?: string }) {
  const { c, sites, units } = props;
  // By site, not by unit: a site just added has no unit yet and must still show.
  const icbs = groupBy(sites, (s) => s.icbCode);
  const unitsOf = groupBy(units, (u) => u.siteCode);
  return (
    <AdminPage c={c} title="Organisation" section="/admin/org" notice={props.notice} problems={props.problems}>
      <h1>Organisation</h1>
      {sites.length ? (
        <div class="nhsuk-button-group">
          <a class="nhsuk-button nhsuk-button--secondary" href={ADD_UNIT}>
            Add a unit
          </a>
          <a class="nhsuk-button nhsuk-button--secondary" href={ADD_SITE}>
            Add a site
          </a>
        </div>
      ) : null}
      {units.length === 0 ? <p>No units yet: import an organisation file below.</p> : null}
      {[...icbs.values()].map((icbSites) => (
        <section class="fft-org-icb" aria-labelledby={`icb-${icbSites[0]!.icbCode}`}>
          <h2 id={`icb-${icbSites[0]!.icbCode}`}>
            <bdi>{icbSites[0]!.icbName}</bdi> <span class="fft-code">ICB {icbSites[0]!.icbCode}</span>
          </h2>
          {[...groupBy(icbSites, (s) => s.trustCode).values()].map((trustSites) => (
            <>
              <h3>
                <bdi>{trustSites[0]!.trustName}</bdi> <span class="fft-code">trust {trustSites[0]!.trustCode}</span>
              </h3>
              {trustSites.map((site) => (
                <>
                  <AdminTable
                    caption={
                      <>
                        <bdi>{site.name}</bdi> (site {site.code})
                      </>
                    }
                    heads={['Unit', 'Setting', 'Specialties', 'Question', 'Alert threshold', 'Status', null]}
                    empty={unitsOf.has(site.code) ? false : 'No units yet'}>
                    {(unitsOf.get(site.code) ?? []).map((u) => (
                      <tr>
                        <td>
                          <bdi>{u.name}</bdi> <span class="fft-code">{u.code}</span>
                        </td>
                        <td>{SETTING_LABELS[u.setting]}</td>
                        <td>{[u.specialty1, u.specialty2].filter(Boolean).join(', ') || '–'}</td>
                        <td>{u.question}</td>
                        <td>{u.negativeThreshold === null ? 'default' : `${thresholdText(u.negativeThreshold)}%`}</td>
                        <td>{u.active ? <strong class="nhsuk-tag nhsuk-tag--green">Active</strong> : <strong class="nhsuk-tag nhsuk-tag--grey">Inactive</strong>}</td>
                        <td>
                          <a href={`/admin/org/units/${encodeURIComponent(u.code)}`}>
                            Edit<span class="nhsuk-u-visually-hidden"> <bdi>{u.name}</bdi></span>
                          </a>
                        </td>
                      </tr>
                    ))}
                  </AdminTable>
                  <p>
                    <a href={`/admin/org/sites/${encodeURIComponent(site.code)}`}>
                      Change the site’s name<span class="nhsuk-u-visually-hidden">: <bdi>{site.name}</bdi> (site {site.code})</span>
                    </a>
                  </p>
                </>
              ))}
            </>
          ))}
        </section>
      ))}

      <h2 id="import">Import an organisation file</h2>
      <p>
        A CSV file with the header <code>{ORG_HEADER.join(',')}</code>, one unit a line. Units already known are updated in place (and made active); a file
        with any bad line is not applied at all.
      </p>
      <CsvImportForm c={c} action="/admin/org/import" pasted={props.pasted} />
    </AdminPage>
  );
}

function NewSitePage(props: { c: AdminContext; trusts: TrustChoice[]; form: SiteForm; problems?: Problem[] }) {
  const { c, form, problems } = props;
  return (
    <AdminPage c={c} title="Add a site" section="/admin/org" problems={problems}>
      <a class="nhsuk-back-link" href="/admin/org">
        Organisation
      </a>
      <h1>Add a site</h1>
      <p>A hospital or other place of a trust the service already knows; add its units once it is saved. New trusts and ICBs come with an organisation file.</p>
      <form method="post" action="/admin/org/sites" novalidate>
        <Csrf c={c} />
        <SelectField id="trust" label="Trust" value={form.trust} problems={problems} options={[{ value: '', label: 'Choose a trust' }, ...props.trusts.map((t) => ({ value: t.code, label: t.label }))]} />
        <TextField id="code" label="Site code" hint="Its ODS site code, e.g. RZZ01: letters, digits, dot, dash or underscore" value={form.code} problems={problems} width={10} spellcheck={false} />
        <TextField id="name" label="Name" hint="As NHS England's returns name it, e.g. General Hospital" value={form.name} problems={problems} />
        <button class="nhsuk-button" type="submit">
          Add the site
        </button>
      </form>
    </AdminPage>
  );
}

function EditSitePage(props: { c: AdminContext; site: Site; name: string; problems?: Problem[] }) {
  const { c, site, problems } = props;
  return (
    <AdminPage c={c} title={`Change the name of ${site.name}`} section="/admin/org" problems={problems}>
      <a class="nhsuk-back-link" href="/admin/org">
        Organisation
      </a>
      <h1>
        <span class="nhsuk-caption-l">
          <Names names={[site.trustName, site.icbName]} />
        </span>
        <bdi>{site.name}</bdi> <span class="fft-code">site {site.code}</span>
      </h1>
      <p>The new name shows on every page and in the returns from now on, for this site's past answers too. Its code and trust stay as they are.</p>
      <form method="post" action={`/admin/org/sites/${encodeURIComponent(site.code)}`} novalidate>
        <Csrf c={c} />
        <TextField id="name" label="Name" value={props.name} problems={problems} />
        <button class="nhsuk-button" type="submit">
          Save
        </button>
      </form>
    </AdminPage>
  );
}

function NewUnitPage(props: { c: AdminContext; sites: SiteChoice[]; form: UnitForm; problems?: Problem[] }) {
  const { c, form, problems } = props;
  return (
    <AdminPage c={c} title="Add a unit" section="/admin/org" problems={problems}>
      <a class="nhsuk-back-link" href="/admin/org">
        Organisation
      </a>
      <h1>Add a unit</h1>
      <p>A ward, department or team at a site the service already knows: add a new site first. New trusts and ICBs come with an organisation file.</p>
      <form method="post" action="/admin/org/units" novalidate>
        <Csrf c={c} />
        <SelectField id="site" label="Site" value={form.site} problems={problems} options={[{ value: '', label: 'Choose a site' }, ...props.sites.map((s) => ({ value: s.code, label: s.label }))]} />
        <TextField id="code" label="Unit code" hint="The trust's own code for it, e.g. RZZ01-W7: letters, digits, dot, dash or underscore" value={form.code} problems={problems} width={20} spellcheck={false} />
        <UnitFields form={form} problems={problems} />
        <button class="nhsuk-button" type="submit">
          Add the unit
        </button>
      </form>
    </AdminPage>
  );
}

function EditUnitPage(props: { c: AdminContext; unit: Unit; form: UnitForm; settingHint: string; problems?: Problem[] }) {
  const { c, unit, form, problems } = props;
  const path = `/admin/org/units/${encodeURIComponent(unit.code)}`;
  return (
    <AdminPage c={c} title={`Edit ${unit.name}`} section="/admin/org" problems={problems}>
      <a class="nhsuk-back-link" href="/admin/org">
        Organisation
      </a>
      <h1>
        <span class="nhsuk-caption-l">
          <Names names={[unit.siteName, unit.trustName]} />
        </span>
        <bdi>{unit.name}</bdi> <span class="fft-code">{unit.code}</span>
      </h1>
      <form method="post" action={path} novalidate>
        <Csrf c={c} />
        <UnitFields form={form} problems={problems} settingHint={props.settingHint} />
        <button class="nhsuk-button" type="submit">
          Save
        </button>
      </form>
      <h2>{unit.active ? 'Deactivate' : 'Reactivate'}</h2>
      {unit.active ? (
        <p>A unit that has closed: its figures stay, but it takes no new answers from the web form, SMS or paper entry.</p>
      ) : (
        <p>This unit is inactive. Reactivate it to take answers again.</p>
      )}
      <ActionButton c={c} action={`${path}/active`} label={unit.active ? 'Deactivate' : 'Reactivate'} context={unit.name} warning={unit.active} fields={{ active: unit.active ? '0' : '1' }} />
    </AdminPage>
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function sortedSites(sites: Site[]): Site[] {
  return [...sites].sort((a, b) => a.icbName.localeCompare(b.icbName) || a.trustName.localeCompare(b.trustName) || a.name.localeCompare(b.name));
}

function sortedUnits(units: Unit[]): Unit[] {
  return [...units].sort((a, b) => a.icbName.localeCompare(b.icbName) || a.trustName.localeCompare(b.trustName) || a.siteName.localeCompare(b.siteName) || a.name.localeCompare(b.name));
}

/** Moved units named in the notice after an import; the audit log has them all. */
const MOVED_SHOWN = 20;

export function orgAdminRoutes(deps: WebAppDeps) {
  const { store, clock } = deps;
  const app = new Hono<WebEnv>();
  const blank: UnitForm = { code: '', site: '', name: '', setting: '', specialty1: '', specialty2: '', question: 'fft-2020', threshold: '' };

  /** The hint under a unit's setting: the months before this one keep the setting the unit had last month. */
  async function settingHintFor(unit: Unit): Promise<string> {
    const month = monthOf(clock());
    const lastMonth = addMonths(month, -1);
    const before = (await store.unitSettings({ fromMonth: lastMonth, toMonth: lastMonth })).find((s) => s.unitCode === unit.code);
    return settingChangeHint(month, before?.setting ?? unit.setting);
  }

  app.get('/org', async (c) => {
    const done = c.req.query('done');
    const created = Number(c.req.query('created'));
    const updated = Number(c.req.query('updated'));
    const codesIn = (name: string) => (c.req.query(name) ?? '').split(',').filter((code) => /^[\w.-]{1,64}$/.test(code)).slice(0, MOVED_SHOWN + 1);
    const listed = (codes: string[]) => `${codes.slice(0, MOVED_SHOWN).join(', ')}${codes.length > MOVED_SHOWN ? ' and more (all in the audit log)' : ''}`;
    // Units now under another site, trust or ICB, the file's or not (a moved site takes its units).
    const moved = codesIn('moved');
    const movedText = moved.length ? ` Moved to another site, trust or ICB, with their history: ${listed(moved)}.` : '';
    const newSetting = codesIn('new-setting');
    const newSettingText = newSetting.length ? ` In another setting’s monthly return from ${monthLong(monthOf(clock()))}, earlier months keeping the old one: ${listed(newSetting)}.` : '';
    const notice =
      done === 'imported' && Number.isInteger(created) && Number.isInteger(updated)
        ? `The file was imported: ${created} unit${created === 1 ? '' : 's'} added, ${updated} updated.${movedText}${newSettingText}`
        : DONE[done ?? ''] ?? null;
    return c.html(<OrgPage c={c} sites={sortedSites(await store.listSites())} units={sortedUnits(await store.listUnits())} notice={notice} />);
  });

  app.post('/org/import', async (c) => {
    const { text, problem } = await uploadedText(c, 'file', 'csv');
    const pasted = (await formFields(c)).csv;
    if (problem) return c.html(<OrgPage c={c} sites={sortedSites(await store.listSites())} units={sortedUnits(await store.listUnits())} problems={[problem]} />, 400);
    const { summary, errors } = await importOrgCsv(store, text, clock());
    if (errors.length || !summary) {
      const problems = [
        { field: 'file', message: `Nothing was imported: the file has ${errors.length} problem${errors.length === 1 ? '' : 's'}` },
        ...errors.slice(0, 50).map((e) => ({ message: `Line ${e.line}: ${e.message}` })),
        ...(errors.length > 50 ? [{ message: `… and ${errors.length - 50} more` }] : []),
      ];
      return c.html(<OrgPage c={c} sites={sortedSites(await store.listSites())} units={sortedUnits(await store.listUnits())} problems={problems} pasted={pasted} />, 400);
    }
    await audit(store, clock, c.get('principal'), 'org.import', null, summary);
    const codes = (name: string, list: string[]) => (list.length ? `&${name}=${encodeURIComponent(list.slice(0, MOVED_SHOWN + 1).join(','))}` : '');
    return c.redirect(`/admin/org?done=imported&created=${summary.unitsCreated}&updated=${summary.unitsUpdated}${codes('moved', summary.unitsMoved)}${codes('new-setting', summary.unitsWithNewSetting)}`, 303);
  });

  app.get('/org/add-site', async (c) => {
    return c.html(<NewSitePage c={c} trusts={trustChoices(await store.listSites())} form={{ trust: '', code: '', name: '' }} />);
  });

  app.post('/org/sites', async (c) => {
    const f = await formFields(c);
    const form: SiteForm = { trust: (f.trust ?? '').trim(), code: (f.code ?? '').trim(), name: (f.name ?? '').trim() };
    const sites = await store.listSites();
    const trusts = trustChoices(sites);
    // In the order of the form's fields, as the NHS.UK error summary lists them.
    const problems: Problem[] = [];
    if (!trusts.some((t) => t.code === form.trust)) problems.push({ field: 'trust', message: 'Choose the trust' });
    // The organisation file's rule for every code.
    const codeProblem = CODE.test(form.code) ? codeTaken('site', sites.map((s) => s.code), form.code) : { field: 'code', message: 'Enter a site code of letters, digits, dot, dash or underscore (at most 64)' };
    if (codeProblem) problems.push(codeProblem);
    const nameProblem = checkSiteName(form.name);
    if (nameProblem) problems.push(nameProblem);
    if (problems.length) return c.html(<NewSitePage c={c} trusts={trusts} form={form} problems={problems} />, 400);
    // False only if another admin added the same code since the check above.
    if (!(await store.addSite({ code: form.code, name: form.name, trustCode: form.trust }))) {
      return c.html(<NewSitePage c={c} trusts={trusts} form={form} problems={[{ field: 'code', message: `A site with code ${form.code} already exists` }]} />, 400);
    }
    await audit(store, clock, c.get('principal'), 'site.add', form.code, { trust: form.trust, name: form.name });
    return c.redirect('/admin/org?done=site-added', 303);
  });

  app.get('/org/sites/:code', async (c) => {
    const site = (await store.listSites()).find((s) => s.code === c.req.param('code'));
    if (!site) return c.req.param('code') === OLD_ADD_PATH ? c.redirect(ADD_SITE) : notFound(c);
    return c.html(<EditSitePage c={c} site={site} name={site.name} />);
  });

  app.post('/org/sites/:code', async (c) => {
    const site = (await store.listSites()).find((s) => s.code === c.req.param('code'));
    if (!site) return notFound(c);
    const name = ((await formFields(c)).name ?? '').trim();
    const problem = checkSiteName(name);
    if (problem) return c.html(<EditSitePage c={c} site={site} name={name} problems={[problem]} />, 400);
    if (!(await store.renameSite(site.code, name))) return notFound(c);
    await audit(store, clock, c.get('principal'), 'site.rename', site.code, { from: site.name, to: name });
    return c.redirect('/admin/org?done=site-renamed', 303);
  });

  app.get('/org/add-unit', async (c) => {
    return c.html(<NewUnitPage c={c} sites={siteChoices(await store.listSites())} form={blank} />);
  });

  app.post('/org/units', async (c) => {
    const f = await formFields(c);
    const units = await store.listUnits();
    const sites = siteChoices(await store.listSites());
    const { form, patch, problems } = checkUnit(f);
    const site = sites.find((s) => s.code === form.site);
    // In the order of the form's fields, as the NHS.UK error summary lists them: site, then code.
    const codeProblem = CODE.test(form.code) ? codeTaken('unit', units.map((u) => u.code), form.code) : { field: 'code', message: 'Enter a unit code of letters, digits, dot, dash or underscore (at most 64)' };
    if (codeProblem) problems.unshift(codeProblem);
    if (!site) problems.unshift({ field: 'site', message: 'Choose the site' });
    if (problems.length || !patch || !site) return c.html(<NewUnitPage c={c} sites={sites} form={form} problems={problems} />, 400);
    const p = site.site;
    const row: OrgRow = {
      icbCode: p.icbCode, icbName: p.icbName, trustCode: p.trustCode, trustName: p.trustName, siteCode: p.code, siteName: p.name,
      unitCode: form.code, unitName: patch.name, setting: patch.setting, specialty1: patch.specialty1, specialty2: patch.specialty2, question: patch.question,
    };
    await store.upsertOrg([row], monthOf(clock()));
    if (patch.negativeThreshold !== null) await store.updateUnit(form.code, { negativeThreshold: patch.negativeThreshold });
    await audit(store, clock, c.get('principal'), 'unit.add', form.code, { site: p.code, ...patch });
    return c.redirect('/admin/org?done=unit-added', 303);
  });

  app.get('/org/units/:code', async (c) => {
    const unit = await store.getUnit(c.req.param('code'));
    if (!unit) return c.req.param('code') === OLD_ADD_PATH ? c.redirect(ADD_UNIT) : notFound(c);
    return c.html(<EditUnitPage c={c} unit={unit} form={formOf(unit)} settingHint={await settingHintFor(unit)} />);
  });

  app.post('/org/units/:code', async (c) => {
    const unit = await store.getUnit(c.req.param('code'));
    if (!unit) return notFound(c);
    const { form, patch, problems } = checkUnit(await formFields(c));
    if (problems.length || !patch) return c.html(<EditUnitPage c={c} unit={unit} form={{ ...form, code: unit.code }} settingHint={await settingHintFor(unit)} problems={problems} />, 400);
    const before = formOf(unit);
    const changed = Object.fromEntries(
      (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => patch[k] !== unit[k]).map((k) => [k, { from: unit[k], to: patch[k] }]),
    );
    const month = monthOf(clock());
    await store.updateUnit(unit.code, patch, month);
    // The month a new setting holds from: the returns before it keep the old one.
    await audit(store, clock, c.get('principal'), 'unit.update', unit.code, { changed, name: before.name, ...(changed.setting ? { settingFrom: month } : {}) });
    return c.redirect('/admin/org?done=unit-updated', 303);
  });

  app.post('/org/units/:code/active', async (c) => {
    const unit = await store.getUnit(c.req.param('code'));
    if (!unit) return notFound(c);
    const active = (await formFields(c)).active === '1';
    await store.updateUnit(unit.code, { active });
    await audit(store, clock, c.get('principal'), active ? 'unit.reactivate' : 'unit.deactivate', unit.code);
    return c.redirect(`/admin/org?done=${active ? 'unit-reactivated' : 'unit-deactivated'}`, 303);
  });

  return app;
}
