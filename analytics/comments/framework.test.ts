import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { LABELLING_NOT_POSSIBLE, NOT_ASSIGNED, SUB_CATEGORIES, subCategoryIndex } from './framework.ts';

// The framework as published beside the labelled data (tests run from the repo root).
const FRAMEWORK_CSV = path.join(path.resolve('..', 'shared', 'data', 'comments'), 'framework-2023.csv');

describe('framework', () => {
  const rows: Record<string, string>[] = parse(readFileSync(FRAMEWORK_CSV, 'utf8'), { columns: true, bom: true });

  it('has exactly the 32 sub-categories of framework-2023.csv, in its order, with their categories', () => {
    const published = rows
      .filter((r) => r['Sub-category'] !== NOT_ASSIGNED)
      .map((r) => ({ category: r.Category, subCategory: r['Sub-category'] }));
    expect(SUB_CATEGORIES).toHaveLength(32);
    expect(SUB_CATEGORIES).toEqual(published);
  });

  it('looks names up verbatim', () => {
    expect(subCategoryIndex('Transport to/ from services')).toBeGreaterThanOrEqual(0);
    expect(subCategoryIndex(LABELLING_NOT_POSSIBLE)).toBeGreaterThanOrEqual(0);
    expect(subCategoryIndex('Transport to/from services')).toBe(-1);
    expect(subCategoryIndex(NOT_ASSIGNED)).toBe(-1);
  });
});
