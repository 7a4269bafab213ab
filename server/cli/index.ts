/**
 * `fft <command>`: the service's command line. Each command is a small function; output meant
 * for scripts (a token, a link) is printed alone on the last line of stdout.
 */
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { v7 as uuidv7 } from 'uuid';
import { ROLES, type Role } from '../../analytics/fft.ts';
import { isPostgresUrl, openStore } from '../../db/index.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import type { Store, Unit } from '../../db/store.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { roleScopeMisfit, scopesFrom } from '../auth/scope.ts';
import { issueToken } from '../auth/tokens.ts';
import { systemClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { SmsConfigError } from '../sms/providers.ts';
import { importOrgCsv } from '../org/csv.ts';
import { checkEligibleCsv } from '../org/eligible.ts';
import { createKiosk, pairingLink, revokeKiosk } from '../kiosk/pairing.ts';

const USAGE = `fft — Friends and Family Test service

Usage:
  fft serve [--port N] [--host ADDR]   start the HTTP service (migrates first)
  fft migrate                          bring the database schema up to date
  fft demo [--days 90] [--seed 1]      load a demo trust with responses
  fft org import FILE.csv              import or update the organisation hierarchy
  fft kiosk create --unit CODE [--label TEXT]   a ward tablet: prints its one-time pairing link
  fft kiosk revoke ID
  fft eligible import FILE.csv         eligible counts per unit and month (unit_code,month,eligible)
  fft export --month YYYY-MM --setting SETTING --format csv|xlsx|json --out FILE [--variant publishable] [--sheet NAME]
                                       the monthly return NHS England asks for (all trusts)
  fft token create --role ROLE [--unit CODE …] [--site CODE …] [--trust CODE …] [--icb CODE …] [--label TEXT]
  fft token list | fft token revoke ID
  fft user add --email E --role ROLE [--unit CODE …] [--site CODE …] [--trust CODE …] [--icb CODE …]
                                       (password from FFT_PASSWORD, a pipe, or asked for)
  fft comments train|evaluate [--data DIR]   train or evaluate the comment classifier
  fft comments curve [--data DIR]            its learning curve (docs/COMMENTS-CURVE.md)
  fft comments train-concerns [--data DIR]   train the serious-concern model (docs/CONCERN-MODEL.md)
  fft comments analyse --in IN.csv --out OUT.csv   themes, sentiment, redaction, concerns for a file
  fft comments reclassify              analyse every stored comment again (after a model update)
  fft sms invite --file FILE.csv       patients to invite by text (phone,unit,visit_date[,language])

\`fft COMMAND --help\` shows that command's lines alone.

Environment: FFT_DB (SQLite path or postgres:// URL; default ./data/fft.sqlite), PORT, FFT_PUBLIC_URL, FFT_SECRET.`;

export class UsageError extends Error {}

/** The lines of USAGE for one command (with the lines that continue them), or null for a command it does not list. */
function usageOf(command: string): string | null {
  const lines: string[] = [];
  let within = false;
  for (const line of USAGE.split('\n')) {
    if (line.startsWith('  fft ')) within = line.startsWith(`  fft ${command} `) || line === `  fft ${command}`;
    else if (!line.startsWith('    ')) within = false;
    if (within) lines.push(line);
  }
  return lines.length ? `Usage:\n${lines.join('\n')}` : null;
}

const scopeOptions = {
  unit: { type: 'string', multiple: true },
  site: { type: 'string', multiple: true },
  trust: { type: 'string', multiple: true },
  icb: { type: 'string', multiple: true },
} as const;

function parseRole(value: string | undefined): Role {
  if (!value || !(ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = openStore(config.db, { sqliteSynchronous: config.sqliteSynchronous });
  try {
    await store.migrate();
    return await fn(store);
  } finally {
    await store.close();
  }
}

type ScopeLists = { unit?: string[]; site?: string[]; trust?: string[]; icb?: string[] };

/**
 * Every --unit/--site/--trust/--icb names a place that exists, and the scopes fit the role as the
 * admin pages require: a matron's are units or sites, a commissioner's trusts or ICBs (at least
 * one each), and an admin, who sees everything, has none.
 */
async function checkScopes(store: Store, role: Role, lists: ScopeLists) {
  const units = await store.listUnits();
  const at = { unit: (u: Unit) => u.code, site: (u: Unit) => u.siteCode, trust: (u: Unit) => u.trustCode, icb: (u: Unit) => u.icbCode } as const;
  for (const kind of ['unit', 'site', 'trust', 'icb'] as const) {
    for (const code of lists[kind] ?? []) if (!units.some((u) => at[kind](u) === code)) throw new UsageError(`no ${kind} with code ${code}`);
  }
  const kinds = (['unit', 'site', 'trust', 'icb'] as const).filter((k) => lists[k]?.length);
  const wrong = roleScopeMisfit(role, kinds);
  if (!wrong) return;
  if (role === 'admin') throw new UsageError('an admin sees everything: give no --unit, --site, --trust or --icb');
  if (wrong.misfit.length) throw new UsageError(`a ${role}'s scopes are ${wrong.fits.map((k) => `--${k}`).join(' or ')}, not --${wrong.misfit.join(', --')}`);
  throw new UsageError(`a ${role} needs at least one ${wrong.fits.map((k) => `--${k}`).join(' or ')}`);
}

async function serve(args: string[]) {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError('--port must be a port number');
  // --port stands for PORT: the address built on it when FFT_PUBLIC_URL is unset (a tablet's
  // pairing link, the form's origin check, Twilio's signature) names the port served on.
  const config = loadConfig(port === undefined ? process.env : { ...process.env, PORT: String(port) });
  // Loaded here, as the heavier commands below are: the server is most of the code, and every
  // other command (an operator's, a script's) would pay to load it at each start.
  const { startServer } = await import('../main.ts');
  const server = await startServer(config, { port, host: values.host });
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await server.stop();
  return 0;
}

async function token(args: string[]) {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, label: { type: 'string' }, ...scopeOptions } });
    const role = parseRole(values.role);
    if (role === 'kiosk' && values.unit?.length !== 1) throw new UsageError('a kiosk token needs exactly one --unit');
    return withStore(async (store) => {
      await checkScopes(store, role, values);
      const { token, record } = await issueToken(store, systemClock, { role, scopes: scopesFrom(values), label: values.label });
      await store.appendAudit({ id: uuidv7(), at: systemClock().toISOString(), actor: 'cli', action: 'token.create', target: record.id, detail: { role, scopes: record.scopes } });
      console.error(`Created ${role} token ${record.id}${record.scopes.length ? ` for ${record.scopes.join(', ')}` : ''}. It is shown once:`);
      console.log(token);
      return 0;
    });
  }
  if (sub === 'list') {
    return withStore(async (store) => {
      for (const t of await store.listTokens()) {
        console.log([t.id, t.role, t.scopes.join(' ') || '-', t.label ?? '-', t.revokedAt ? `revoked ${t.revokedAt}` : 'live'].join('\t'));
      }
      return 0;
    });
  }
  if (sub === 'revoke') {
    const id = rest[0];
    if (!id) throw new UsageError('fft token revoke ID');
    return withStore(async (store) => {
      if (!(await store.revokeToken(id, systemClock().toISOString()))) throw new UsageError(`no token ${id}`);
      await store.appendAudit({ id: uuidv7(), at: systemClock().toISOString(), actor: 'cli', action: 'token.revoke', target: id });
      console.log(`revoked ${id}`);
      return 0;
    });
  }
  throw new UsageError('fft token create|list|revoke');
}

/**
 * The new user's password: FFT_PASSWORD, else the first line of a piped stdin, else asked for twice on
 * the terminal without echoing it (anyone behind the admin must not read it off the screen).
 */
async function readPassword(): Promise<string> {
  if (process.env.FFT_PASSWORD) return process.env.FFT_PASSWORD;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
    if (!line) throw new UsageError('no password given: set FFT_PASSWORD, or pipe it in on standard input, or run the command in a terminal to be asked for it');
    return line;
  }
  const first = await askHidden('Password: ');
  if (!first) throw new UsageError('no password given');
  if ((await askHidden('Password again: ')) !== first) throw new UsageError('the two passwords differ: nothing was added');
  return first;
}

/** Asks on the terminal with echo off: what is typed is neither shown nor left on the screen. */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  input.setRawMode(true); // echo off before the prompt invites typing
  process.stderr.write(prompt);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (fn: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003' || ch === '\u0004') return done(() => reject(new UsageError('cancelled: nothing was added')));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
  });
}

async function user(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new UsageError('fft user add --email E --role ROLE');
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' }, ...scopeOptions } });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email must be an email address');
  const role = parseRole(values.role);
  if (role === 'kiosk' || role === 'integration') throw new UsageError('kiosk and integration are token roles: use fft token create');
  return withStore(async (store) => {
    await checkScopes(store, role, values);
    if (await store.findUserByEmail(email)) throw new UsageError(`a user with email ${email} already exists`);
    const password = await readPassword();
    const problem = await passwordProblem(password, email);
    if (problem) throw new UsageError(`the password ${problem}`);
    const now = systemClock().toISOString();
    const id = uuidv7();
    await store.createUser({
      id, email, role, scopes: scopesFrom(values), passwordHash: await hashPassword(password),
      active: true, failedSignIns: 0, lockedUntil: null, createdAt: now,
    });
    await store.appendAudit({ id: uuidv7(), at: now, actor: 'cli', action: 'user.add', target: id, detail: { email, role } });
    console.log(`added ${role} ${email}`);
    return 0;
  });
}

async function eligible(args: string[]) {
  const [sub, file] = args;
  if (sub !== 'import' || !file) throw new UsageError('fft eligible import FILE.csv');
  const text = await readText(file);
  return withStore(async (store) => {
    const { items, errors } = await checkEligibleCsv(store, text, systemClock());
    for (const e of errors) console.error(`${file}:${e.line}: ${e.message}`);
    if (errors.length) {
      console.error('nothing imported');
      return 1;
    }
    await store.setEligible(items, systemClock().toISOString());
    await store.appendAudit({ id: uuidv7(), at: systemClock().toISOString(), actor: 'cli', action: 'eligible.import', target: file, detail: { items: items.length } });
    console.log(`imported ${items.length} eligible counts`);
    return 0;
  });
}

async function kiosk(args: string[]) {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parseArgs({ args: rest, options: { unit: { type: 'string' }, label: { type: 'string' } } });
    if (!values.unit) throw new UsageError('fft kiosk create --unit CODE [--label TEXT]');
    return withStore(async (store) => {
      const unit = await store.getUnit(values.unit!);
      if (!unit) throw new UsageError(`no unit with code ${values.unit}`);
      if (!unit.active) throw new UsageError(`unit ${unit.code} is no longer active: activate it first (admin pages or the org file)`);
      const { kiosk: k, code } = await createKiosk(store, systemClock, unit, values.label ?? null, 'cli');
      console.error(`Kiosk ${k.id} for ${unit.name}. Pairing code ${code} (one use, valid 24 hours). Open this link on the tablet:`);
      console.log(pairingLink(loadConfig().publicUrl, code));
      return 0;
    });
  }
  if (sub === 'revoke') {
    const id = rest[0];
    if (!id) throw new UsageError('fft kiosk revoke ID');
    return withStore(async (store) => {
      const k = await store.getKiosk(id);
      if (!k) throw new UsageError(`no kiosk ${id}`);
      await revokeKiosk(store, systemClock, k, 'cli');
      console.log(`revoked kiosk ${id}`);
      return 0;
    });
  }
  throw new UsageError('fft kiosk create|revoke');
}

async function readText(file: string): Promise<string> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file} is not UTF-8 text: save it as "CSV UTF-8" (a Latin-1 "é" would be stored as "�")`);
  }
}

async function org(args: string[]) {
  const [sub, file] = args;
  if (sub !== 'import' || !file) throw new UsageError('fft org import FILE.csv');
  const text = await readText(file);
  return withStore(async (store) => {
    const { summary, errors } = await importOrgCsv(store, text, systemClock());
    if (errors.length) {
      for (const e of errors) console.error(`${file}:${e.line}: ${e.message}`);
      console.error(`nothing imported: ${errors.length} problem${errors.length > 1 ? 's' : ''}`);
      return 1;
    }
    await store.appendAudit({ id: uuidv7(), at: systemClock().toISOString(), actor: 'cli', action: 'org.import', target: file, detail: summary });
    console.log(`imported: ${summary!.unitsCreated} units created, ${summary!.unitsUpdated} updated (${summary!.sites} sites, ${summary!.trusts} trusts, ${summary!.icbs} ICBs)`);
    if (summary!.unitsMoved.length) console.log(`moved to another site, trust or ICB, with their history: ${summary!.unitsMoved.join(', ')}`);
    if (summary!.unitsWithNewSetting.length) console.log(`a new setting from this month, earlier months keeping the old one: ${summary!.unitsWithNewSetting.join(', ')}`);
    return 0;
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  // `fft COMMAND … --help` only shows how to use it: some commands would otherwise take it as a
  // file name, or ignore it and run (`fft comments train --help` retrained and rewrote the model).
  const help = command === 'help' ? args[0] : args.some((a) => a === '--help' || a === '-h') ? command : undefined;
  const usage = help === undefined ? null : usageOf(help);
  if (usage) {
    console.log(usage);
    return 0;
  }
  try {
    switch (command) {
      case 'serve':
        return await serve(args);
      case 'migrate':
        return await withStore(async (store) => {
          console.log(`database schema up to date (${store.dialect})`);
          return 0;
        });
      case 'demo':
        return await withStore(async (store) => (await import('./demo.ts')).runDemo(store, args));
      case 'org':
        return await org(args);
      case 'kiosk':
        return await kiosk(args);
      case 'comments': {
        if (args[0] === 'analyse') return await (await import('./comments-analyse.ts')).analyseFile(args.slice(1));
        if (args[0] === 'reclassify') {
          const { reclassify } = await import('./comments-analyse.ts');
          return await withStore((store) => reclassify(store));
        }
        const { commentsCommand } = await import('./comments.ts');
        return await commentsCommand(args);
      }
      case 'eligible':
        return await eligible(args);
      case 'export':
        return await (await import('../exports/cli.ts')).exportCommand(args, withStore);
      case 'token':
        return await token(args);
      case 'user':
        return await user(args);
      case 'sms':
        return await (await import('./sms.ts')).smsCommand(args, withStore);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return command ? 0 : 1;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`fft: ${(e as Error).message}`);
      return 2;
    }
    // A variable set to something unusable: its message names it and what it takes.
    if (e instanceof ConfigError || e instanceof SmsConfigError) {
      console.error(`fft: ${e.message}`);
      return 2;
    }
    // What the machine said no to (a file or folder that is not there or not writable, a database
    // file that is not one): the operator needs the message, not a stack trace.
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      console.error(`fft: the database ${process.env.FFT_DB ? `FFT_DB=${process.env.FFT_DB}` : './data/fft.sqlite'}: ${(e as Error).message}`);
      return 1;
    }
    // PostgreSQL not answering, or saying no (no such database, a wrong password, still starting up).
    const target = process.env.FFT_DB ?? '';
    if (isPostgresUrl(target) && (isDatabaseUnavailable(e) || (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)))) {
      const shown = new URL(target);
      if (shown.password) shown.password = '***';
      console.error(`fft: the database FFT_DB=${shown.toString()}: ${(e as Error).message}`);
      return 1;
    }
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      console.error(`fft: ${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
}
