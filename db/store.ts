/**
 * The one store interface. Everything above `db/` reads and writes through it; the SQLite and
 * PostgreSQL adapters implement it and the same contract suite (`store.contract.ts`) runs on both.
 */
import type { Channel, Mode, Question, Role, Setting } from '../analytics/fft.ts';
import type { AnswerCellQuery, BreakdownQuery, BreakdownRow, CommentQuery, FirstAnswerQuery, SumQuery, SumRow } from './queries.ts';
import type { SmsStore } from './sms-store.ts';
import type { StaffStore } from './staff-store.ts';
import type { ExportsStore } from './exports-store.ts';

export type { AnswerCellQuery, BreakdownBy, BreakdownQuery, BreakdownRow, CommentQuery, FirstAnswerQuery, Grain, SumQuery, SumRow } from './queries.ts';

export type Dialect = 'sqlite' | 'postgres';

/** One line of an organisation CSV, already validated. */
export interface OrgRow {
  icbCode: string;
  icbName: string;
  trustCode: string;
  trustName: string;
  siteCode: string;
  siteName: string;
  unitCode: string;
  unitName: string;
  setting: Setting;
  specialty1: string | null;
  specialty2: string | null;
  question: Question;
}

export interface OrgImportSummary {
  icbs: number;
  trusts: number;
  sites: number;
  unitsCreated: number;
  unitsUpdated: number;
  /** Units that now have another site, trust or ICB, whether the file named them or moved their site or trust. */
  unitsMoved: string[];
  /** Units the file gave another setting: in the new setting's return from the import's month on. */
  unitsWithNewSetting: string[];
}

export interface Unit {
  code: string;
  name: string;
  siteCode: string;
  siteName: string;
  trustCode: string;
  trustName: string;
  icbCode: string;
  icbName: string;
  setting: Setting;
  specialty1: string | null;
  specialty2: string | null;
  active: boolean;
  question: Question;
  /** Share negative (0–1) on a day above which the matron is alerted; null = the service default. */
  negativeThreshold: number | null;
  /**
   * The London month ('YYYY-MM') the unit was first stored in; null when it was stored before the
   * service kept that, or without a month: it existed all along. Earlier months' returns leave it
   * out unless it has answers or an eligible count there. Optional so a unit built by hand need not name it.
   */
  addedMonth?: string | null;
}

/** A site with its trust and ICB, whether or not it has any unit yet. */
export interface Site {
  code: string;
  name: string;
  trustCode: string;
  trustName: string;
  icbCode: string;
  icbName: string;
}

/** A response ready to store: validated, defaults applied, London day worked out. */
export interface NewResponse {
  id: string;
  unitCode: string;
  question: Question;
  answer: number;
  comment: string | null;
  channel: Channel;
  mode: Mode;
  /** Client time as ISO 8601 with its offset, kept as sent (normalised). */
  answeredAt: string;
  /** The Europe/London calendar day of answeredAt: what every period and rollup keys on. */
  answeredDay: string;
  /** Server time, ISO 8601 UTC. */
  receivedAt: string;
  language: string;
  ageBand: string | null;
  sex: string | null;
  ethnicity: string | null;
  disability: string | null;
  completedBy: string | null;
  /** The kiosk that sent it, for the burst check; null for other channels. */
  deviceId: string | null;
  /** Part of a burst faster than patients answer (see server/collect/burst.ts). */
  flagged: boolean;
}

export type StoredResponse = NewResponse;

export interface InsertOutcome {
  id: string;
  duplicate: boolean;
}

/** One rollup cell: responses per unit × London day × question version × answer × mode. */
export interface DailyCount {
  unitCode: string;
  day: string;
  question: Question;
  answer: number;
  mode: Mode;
  flagged: boolean;
  count: number;
}

/** A daily cell without the mode (`rollup_answers_daily`): what every series reads. */
export interface AnswerCell {
  unitCode: string;
  day: string;
  question: string;
  answer: number;
  flagged: boolean;
  count: number;
}

export interface DailyCountQuery {
  unitCodes?: string[];
  from?: string;
  to?: string;
}

/** Answer counts by London calendar month (no mode). */
export interface MonthlyCount {
  unitCode: string;
  month: string;
  question: Question;
  answer: number;
  flagged: boolean;
  count: number;
}

/**
 * A unit's setting in one month: the setting it had at the end of that month (for the month
 * under way, its setting now). The monthly return and the trends by setting read units so.
 */
export interface UnitSettingMonth {
  unitCode: string;
  /** 'YYYY-MM' */
  month: string;
  setting: Setting;
}

export interface EligibleCount {
  unitCode: string;
  /** 'YYYY-MM' */
  month: string;
  count: number;
}

export interface AlertRecord {
  id: string;
  /** Raised once per key: the same signal seen again is not a new alert. */
  key: string;
  unitCode: string;
  kind: string;
  period: string;
  reason: string;
  detail: unknown;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface KioskRecord {
  id: string;
  unitCode: string;
  label: string | null;
  pairingCodeHash: string | null;
  pairingExpiresAt: string | null;
  tokenId: string | null;
  pairedAt: string | null;
  lastSeenAt: string | null;
  unsent: number;
  revokedAt: string | null;
  createdAt: string;
}

export interface YouSaidRecord {
  id: string;
  unitCode: string;
  youSaid: string;
  weDid: string;
  /** planned, in-progress, done */
  status: string;
  owner: string | null;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommentAnalysis {
  responseId: string;
  unitCode: string;
  day: string;
  labels: { subCategory: string; category: string }[];
  sentiment: number;
  concern: string | null;
  redactedInternal: string;
  redactedPublic: string;
  modelVersion: string;
  analysedAt: string;
}

export interface CommentRow {
  id: string;
  unitCode: string;
  answeredAt: string;
  answeredDay: string;
  answer: number;
  question: string;
  channel: string;
  flagged: boolean;
  /** As the patient wrote it: only for roles allowed to see it (audit-logged). */
  comment: string;
  analysis: Pick<CommentAnalysis, 'labels' | 'sentiment' | 'concern' | 'redactedInternal' | 'redactedPublic'> | null;
}

export interface ThemeCount {
  day: string;
  subCategory: string;
  category: string;
  sentiment: number;
  count: number;
}

export interface TokenRecord {
  id: string;
  role: Role;
  /** Scope strings such as `unit:RZZ01-W7`, `trust:RZZ`, `icb:QZZ`. Empty = unrestricted for the role. */
  scopes: string[];
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  scopes: string[];
  active: boolean;
  failedSignIns: number;
  lockedUntil: string | null;
  createdAt: string;
  /** Raised by `revokeDevices`: a device cookie is trusted only at the generation it was issued at. */
  deviceGeneration: number;
}

/** A user as created: its devices start at generation 0. */
export type NewUser = Omit<UserRecord, 'deviceGeneration'>;

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: unknown;
}

export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

/** A stored comment with what its analysis needs. */
export interface StoredComment {
  id: string;
  unitCode: string;
  answeredDay: string;
  answer: number;
  question: string;
  comment: string;
  channel: string;
}

/** Core methods here; the SMS, staff-app and export-log parts live in their own files. */
/** Which alerts: of these units, only those not acknowledged yet (`openOnly`), of one kind. */
export interface AlertQuery {
  unitCodes: string[];
  openOnly?: boolean;
  kind?: string;
}

export interface Store extends SmsStore, StaffStore, ExportsStore {
  readonly dialect: Dialect;
  /** Brings the schema up to date (drizzle-kit migrations for this dialect). */
  migrate(): Promise<void>;
  /** Throws unless the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /**
   * Inserts or updates the whole file's hierarchy in one transaction. A new unit's setting holds
   * for all its months; a stored unit whose setting the file changes is in the new setting from
   * `month` ('YYYY-MM', the London month of the import) on, its earlier months keeping the old
   * one. Without `month` a changed setting is refused: its history would have no date. A new
   * unit's `addedMonth` is `month` (null without one); a unit already stored keeps its own.
   */
  upsertOrg(rows: OrgRow[], month?: string): Promise<OrgImportSummary>;
  getUnit(code: string): Promise<Unit | undefined>;
  listUnits(): Promise<Unit[]>;

  /**
   * Stores responses and their rollup increments in one transaction. An id already stored
   * (or repeated within `rows`) is a duplicate: nothing is written for it.
   */
  insertResponses(rows: NewResponse[]): Promise<InsertOutcome[]>;
  getResponse(id: string): Promise<StoredResponse | undefined>;
  /** The responses with these ids, in no particular order; ids with no response (taken back, never stored) are left out. */
  getResponses(ids: string[]): Promise<StoredResponse[]>;
  /** All stored responses, or (`withComment`) those with a comment: what `fft comments reclassify` will go through. */
  countResponses(options?: { withComment?: boolean }): Promise<number>;
  /** The rollup cells, ordered by unit, day, question, answer, mode. */
  dailyCounts(query?: DailyCountQuery): Promise<DailyCount[]>;
  /** The same cells worked out from the responses themselves: the check that rollups are right. */
  recountDaily(query?: DailyCountQuery): Promise<DailyCount[]>;
  monthlyCounts(): Promise<MonthlyCount[]>;
  recountMonthly(): Promise<MonthlyCount[]>;
  /** Answer counts from the rollups for a set of units and a range, summed as asked. */
  sumCounts(query: SumQuery): Promise<SumRow[]>;
  /** The answer cells (no mode) of a set of units over a range, as stored: unsummed, in no particular order. */
  answerCells(query: AnswerCellQuery): Promise<AnswerCell[]>;
  /** Each unit's earliest day with answers ever ('YYYY-MM-DD'), by unit code; units without answers are left out. */
  firstAnswerDays(query: FirstAnswerQuery): Promise<{ unitCode: string; day: string }[]>;
  /** Answer counts per group of an equality field (or mode, channel, language). */
  breakdown(query: BreakdownQuery): Promise<BreakdownRow[]>;

  /** Sets eligible counts, replacing any for the same unit and month, in one transaction. */
  setEligible(items: EligibleCount[], at: string): Promise<void>;
  eligibleCounts(query: { unitCodes: string[]; fromMonth: string; toMonth: string }): Promise<EligibleCount[]>;
  setUnitThreshold(code: string, negativeThreshold: number | null): Promise<boolean>;
  /** Each unit's setting in each month from `fromMonth` to `toMonth` ('YYYY-MM', inclusive). */
  unitSettings(query: { fromMonth: string; toMonth: string }): Promise<UnitSettingMonth[]>;

  /** Stores alerts whose key is new; returns only those. */
  raiseAlerts(alerts: AlertRecord[]): Promise<AlertRecord[]>;
  /** Newest first, at most `limit` (200) after skipping `offset`; `kind` narrows to one kind. */
  listAlerts(query: AlertQuery & { limit?: number; offset?: number }): Promise<AlertRecord[]>;
  /** How many alerts `listAlerts` would list without a limit. */
  countAlerts(query: AlertQuery): Promise<number>;
  /** Open alerts per unit and kind, however many there are (`listAlerts` lists the newest 200 at most). */
  openAlertCounts(unitCodes: string[]): Promise<{ unitCode: string; kind: string; count: number }[]>;
  getAlert(id: string): Promise<AlertRecord | undefined>;
  acknowledgeAlert(id: string, by: string, at: string): Promise<boolean>;

  /** Stores a new kiosk; false, storing nothing, when one with its id is already there (a form sent twice). */
  createKiosk(kiosk: KioskRecord): Promise<boolean>;
  getKiosk(id: string): Promise<KioskRecord | undefined>;
  findKioskByToken(tokenId: string): Promise<KioskRecord | undefined>;
  /** Takes a live pairing code (one use): the kiosk it belongs to, with the code cleared. */
  claimPairing(codeHash: string, now: string): Promise<KioskRecord | undefined>;
  updateKiosk(id: string, patch: Partial<Omit<KioskRecord, 'id' | 'unitCode' | 'createdAt'>>): Promise<boolean>;
  listKiosks(unitCodes: string[]): Promise<KioskRecord[]>;

  saveYouSaid(item: YouSaidRecord): Promise<void>;
  getYouSaid(id: string): Promise<YouSaidRecord | undefined>;
  /** Newest first (by last update); `status` narrows to one status before the limit is applied. */
  listYouSaid(unitCodes: string[], limit?: number, status?: YouSaidRecord['status']): Promise<YouSaidRecord[]>;

  createToken(token: TokenRecord & { tokenHash: string }): Promise<void>;
  findTokenByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  revokeToken(id: string, at: string): Promise<boolean>;
  listTokens(): Promise<TokenRecord[]>;

  createUser(user: NewUser): Promise<void>;
  findUserByEmail(email: string): Promise<UserRecord | undefined>;

  appendAudit(entry: AuditEntry & { id: string; at: string }): Promise<void>;
  listAudit(limit?: number): Promise<AuditRecord[]>;

  /** Stores (or replaces) what the comment models made of each comment, with its theme rows. */
  saveCommentAnalyses(items: CommentAnalysis[]): Promise<void>;
  listComments(query: CommentQuery): Promise<{ total: number; comments: CommentRow[] }>;
  themeCounts(query: { unitCodes: string[]; from: string; to: string }): Promise<ThemeCount[]>;
  /** Comments in id order after `afterId` (for re-classifying everything after a model update). */
  commentsAfter(afterId: string | null, limit: number): Promise<StoredComment[]>;
  /**
   * The comments with no analysis yet (what a crash or a failed run left behind) among the next
   * `scan` comments in id order after `afterId`, and the id to go on after: null once the last
   * comment has been looked at. Each call reads a bounded slice, so a sweep over millions of
   * responses never holds the database (or, on SQLite, the server's one thread) for long.
   */
  unanalysedCommentsAfter(afterId: string | null, scan: number): Promise<{ comments: StoredComment[]; next: string | null }>;

  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown, at: string): Promise<void>;
}

/** Thrown by `upsertOrg` and friends when the input contradicts what is stored. */
export class StoreConflictError extends Error {}
