/**
 * Whether an error is the database's trouble rather than the request's: PostgreSQL stopped,
 * restarting or unreachable, or SQLite locked by another process, its disk full or read-only.
 * Such a request was not applied and may be sent again as it was (503), and it says nothing
 * about the other requests that shared its transaction.
 */

/** SQLite result codes (extended ones start with these: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED …). */
const SQLITE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOLFS)/;
/** Socket errors from the PostgreSQL driver. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/**
 * SQLSTATE: connection exceptions (08…), shutdown or starting up (57P01–57P03), out of disk or
 * connections (53…), a read-only standby (25006), and a transaction PostgreSQL rolled back to let
 * another through (40001 serialization failure, 40P01 deadlock): each was not applied, and sent
 * again it will be.
 */
const SQLSTATE = /^(08...|57P0[123]|53...|25006|40001|40P01)$/;
/** What node-postgres says, without a code, when a connection ends under it. */
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  // Drizzle wraps the driver's error ("Failed query: …") and keeps it as the cause.
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SQLITE.test(code) || NETWORK.has(code) || SQLSTATE.test(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
  }
  return false;
}
