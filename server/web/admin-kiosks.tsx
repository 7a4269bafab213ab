/** @jsxImportSource hono/jsx */
/**
 * Ward tablets: each with its unit, when it was last seen and how many answers it reported
 * still waiting to send; make one (its pairing code and link are shown once), give it a new
 * code, or revoke it. The same pairing logic as the API and `fft kiosk`.
 */
import { Hono } from 'hono';
import QRCode from 'qrcode';
import type { KioskRecord, Unit } from '../../db/store.ts';
import { kioskView } from '../api/kiosks.ts';
import { isolate } from '../bidi.ts';
import { createKioskOnce, pairingLink, renewPairing, revokeKiosk, type KioskActor } from '../kiosk/pairing.ts';
import { formId, newId } from '../ids.ts';
import { clientAddress } from '../middleware/rate-limit.ts';
import { CONTROL_CHARACTER } from '../collect/schema.ts';
import { notFound, type WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { ActionButton, AdminPage, AdminTable, Csrf, formFields, londonTime, SelectField, TextField, type AdminContext, type Problem } from './admin-ui.tsx';

const DONE: Record<string, string> = {
  revoked: 'The tablet was revoked: its token no longer works. Answers still on it stay there until it is paired again.',
  'already-added': 'That tablet was already added (the form was sent twice), and its pairing code was shown then. To see a code again, use New pairing code on its row.',
};


const STATUS: Record<string, { label: string; tag: string }> = {
  paired: { label: 'Paired', tag: 'nhsuk-tag--green' },
  'waiting-to-pair': { label: 'Waiting to pair', tag: 'nhsuk-tag--yellow' },
  revoked: { label: 'Revoked', tag: 'nhsuk-tag--grey' },
};

interface Pairing {
  kiosk: KioskRecord;
  unit: Unit;
  code: string;
  link: string;
  qr: string;
}

function KiosksPage(props: { c: AdminContext; kiosks: KioskRecord[]; units: Unit[]; pairing?: Pairing; notice?: string | null; problems?: Problem[]; form?: { unit: string; label: string; id?: string } }) {
  const { c, units } = props;
  const names = new Map(units.map((u) => [u.code, u.name]));
  return (
    <AdminPage c={c} title="Ward tablets" section="/admin/kiosks" notice={props.notice} problems={props.problems}>
      <h1>Ward tablets</h1>
      {props.pairing ? (
        <div class="nhsuk-card fft-pairing" role="status" aria-labelledby="pairing-title">
          <div class="nhsuk-card__content">
            <h2 class="nhsuk-card__heading" id="pairing-title">
              Pair the tablet for <bdi>{props.pairing.unit.name}</bdi>
            </h2>
            <p>This code is shown once and works once, for 24 hours. On the tablet, open the link or go to /kiosk/ and type the code.</p>
            <p class="fft-pairing-code" data-testid="pairing-code">
              {props.pairing.code}
            </p>
            <p>
              <a href={props.pairing.link} data-testid="pairing-link">
                {props.pairing.link}
              </a>
            </p>
            <img class="fft-pairing-qr" src={props.pairing.qr} alt={`QR code of the pairing link for ${props.pairing.unit.name}`} width={200} height={200} />
          </div>
        </div>
      ) : null}
      <AdminTable caption="Tablets" heads={['Unit', 'Label', 'Status', 'Last seen', { label: 'Unsent answers', numeric: true }, null]} empty={props.kiosks.length === 0 && 'No tablets yet.'}>
        {props.kiosks.map((k) => {
          const v = kioskView(k);
          const status = STATUS[v.status]!;
          const what = `tablet ${k.label ? `${isolate(k.label)} ` : ''}for ${isolate(names.get(k.unitCode) ?? k.unitCode)}`;
          return (
            <tr>
              <td>
                <bdi>{names.get(k.unitCode) ?? k.unitCode}</bdi> <span class="fft-code">{k.unitCode}</span>
              </td>
              <td>{k.label ? <bdi>{k.label}</bdi> : '–'}</td>
              <td>
                <strong class={`nhsuk-tag ${status.tag}`}>{status.label}</strong>
              </td>
              <td>{londonTime(k.lastSeenAt)}</td>
              <td class="fft-num">{k.unsent}</td>
              <td class="fft-actions">
                <ActionButton c={c} action={`/admin/kiosks/${encodeURIComponent(k.id)}/pairing`} label="New pairing code" context={what} />
                {k.revokedAt ? null : <ActionButton c={c} action={`/admin/kiosks/${encodeURIComponent(k.id)}/revoke`} label="Revoke" context={what} warning />}
              </td>
            </tr>
          );
        })}
      </AdminTable>
      <h2>Add a tablet</h2>
      <form method="post" action="/admin/kiosks" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="id" value={props.form?.id ?? newId()} />
        <SelectField
          id="unit"
          label="Unit"
          value={props.form?.unit}
          problems={props.problems}
          options={[{ value: '', label: 'Choose a unit' }, ...units.filter((u) => u.active).map((u) => ({ value: u.code, label: `${isolate(u.name)} (${u.code})` }))]}
        />
        <TextField id="label" label="Label (optional)" hint="To tell tablets on one ward apart, e.g. Bay 2" value={props.form?.label} problems={props.problems} width={20} />
        <button class="nhsuk-button" type="submit">
          Add the tablet
        </button>
      </form>
    </AdminPage>
  );
}

export function kioskAdminPages(deps: WebAppDeps) {
  const { store, clock, publicUrl } = deps;
  const app = new Hono<WebEnv>();

  async function page(c: AdminContext, extra: Partial<Parameters<typeof KiosksPage>[0]> = {}, status: 200 | 201 | 400 = 200) {
    const units = await store.listUnits();
    const kiosks = (await store.listKiosks(units.map((u) => u.code))).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    c.header('Cache-Control', 'no-store');
    return c.html(<KiosksPage c={c} units={units} kiosks={kiosks} {...extra} />, status);
  }

  const by = (c: AdminContext): KioskActor => ({ principal: c.get('principal'), address: clientAddress(c, deps.trustProxy) });

  async function pairing(kiosk: KioskRecord, unit: Unit, code: string): Promise<Pairing> {
    const link = pairingLink(publicUrl, code);
    return { kiosk, unit, code, link, qr: await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 200 }) };
  }

  app.get('/kiosks', (c) => page(c, { notice: DONE[c.req.query('done') ?? ''] ?? null }));

  app.post('/kiosks', async (c) => {
    const f = await formFields(c);
    // The id the form carries is the tablet's: the same form sent twice adds one.
    const id = formId(f.id);
    const form = { unit: (f.unit ?? '').trim(), label: (f.label ?? '').trim(), id };
    const unit = form.unit ? await store.getUnit(form.unit) : undefined;
    const problems: Problem[] = [];
    if (!unit || !unit.active) problems.push({ field: 'unit', message: 'Choose the unit the tablet is for' });
    if (form.label.length > 100) problems.push({ field: 'label', message: 'The label must be at most 100 characters' });
    else if (CONTROL_CHARACTER.test(form.label)) problems.push({ field: 'label', message: 'The label must be on one line, with no line breaks or tabs' });
    if (problems.length || !unit) return page(c, { problems, form }, 400);
    const made = await createKioskOnce(store, clock, unit, form.label || null, by(c), id);
    if (!made) return c.redirect('/admin/kiosks?done=already-added', 303);
    return page(c, { pairing: await pairing(made.kiosk, unit, made.code) }, 201);
  });

  app.post('/kiosks/:id/pairing', async (c) => {
    const kiosk = await store.getKiosk(c.req.param('id'));
    const unit = kiosk && (await store.getUnit(kiosk.unitCode));
    if (!kiosk || !unit) return notFound(c);
    // A closed ward gets no new tablet, a re-paired one included.
    // Not linked to the Add a tablet form's unit list: this tablet's unit is not chosen there.
    if (!unit.active) return page(c, { problems: [{ message: `${isolate(unit.name)} is no longer active: activate it before pairing a tablet to it` }] }, 400);
    const code = await renewPairing(store, clock, kiosk, by(c));
    return page(c, { pairing: await pairing(kiosk, unit, code) });
  });

  app.post('/kiosks/:id/revoke', async (c) => {
    const kiosk = await store.getKiosk(c.req.param('id'));
    if (!kiosk) return notFound(c);
    await revokeKiosk(store, clock, kiosk, by(c));
    return c.redirect('/admin/kiosks?done=revoked', 303);
  });

  return app;
}
