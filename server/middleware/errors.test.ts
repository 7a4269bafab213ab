import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssues } from './errors.ts';

describe('zodIssues', () => {
  const query = z.strictObject({ from: z.string(), to: z.string(), unit: z.object({ code: z.string() }).optional(), n: z.number().optional() });

  it('says a left-out field is required, by name, rather than "received undefined"', () => {
    const parsed = query.safeParse({ to: '2026-12-01', unit: {} });
    expect(parsed.success).toBe(false);
    expect(zodIssues(parsed.error!)).toEqual([
      { path: 'from', message: 'from is required (string)' },
      { path: 'unit.code', message: 'code is required (string)' },
    ]);
  });

  it('keeps zod’s words for a wrong type, and names unknown fields', () => {
    const parsed = query.safeParse({ from: 1, to: 'x', n: 'two', extra: true });
    expect(zodIssues(parsed.error!)).toEqual([
      { path: 'from', message: 'Invalid input: expected string, received number' },
      { path: 'n', message: 'Invalid input: expected number, received string' },
      { path: 'extra', message: 'unknown field: extra' },
    ]);
    expect(zodIssues(z.object({ a: z.string() }).safeParse(undefined).error!)).toEqual([{ path: '(body)', message: 'Invalid input: expected object, received undefined' }]);
  });
});
