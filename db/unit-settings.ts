/** SQL of a unit's setting history (`unit_settings`) that is the same on SQLite and PostgreSQL. */
import { sql, type SQL } from 'drizzle-orm';

/**
 * Deletes the `month` rows of these units that give the setting already in force before `month`:
 * a ward re-set and set back within one month has not changed setting at all. Returns the codes
 * of the units whose row it deleted (`RETURNING unit_code`).
 */
export function dropSetBackSql(month: string, unitCodes: string[]): SQL {
  return sql`DELETE FROM unit_settings WHERE from_month = ${month}
    AND unit_code IN (${sql.join(unitCodes.map((code) => sql`${code}`), sql`, `)})
    AND setting = (SELECT p.setting FROM unit_settings p WHERE p.unit_code = unit_settings.unit_code AND p.from_month < unit_settings.from_month ORDER BY p.from_month DESC LIMIT 1)
    RETURNING unit_code`;
}
