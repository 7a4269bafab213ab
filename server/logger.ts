/** The one logger (pino). Quiet under tests unless FFT_LOG_LEVEL says otherwise. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = process.env.FFT_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')): Logger {
  return pino({ level, base: undefined });
}
