/**
 * When a build counts as current: only while every source it compiled is as it was. Tests and
 * sources added since (not yet imported by anything compiled) leave it current.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsCurrent, sourceState, stampFile } from './build-state.js';

let root: string;
const write = (file: string, text: string) => writeFileSync(join(root, file), text);
const build = () => {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stampFile(root), JSON.stringify(sourceState(root)));
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fft-build-state-'));
  mkdirSync(join(root, 'server/pages'), { recursive: true });
  write('tsconfig.json', '{}');
  write('tsconfig.build.json', JSON.stringify({ include: ['server', 'repo.ts'] }));
  write('repo.ts', 'export const REPO_ROOT = "/";\n');
  write('server/app.ts', 'export const app = 1;\n');
  write('server/pages/layout.tsx', 'export const Layout = () => <html />;\n');
  write('server/app.test.ts', 'test\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('buildIsCurrent', () => {
  it('is false with no build', () => {
    expect(buildIsCurrent(root)).toBe(false);
  });

  it('is true just after a build, and after a test or an unimported source is added or changed', () => {
    build();
    expect(buildIsCurrent(root)).toBe(true);
    write('server/app.test.ts', 'another test\n');
    write('server/new.ts', 'export const unused = 1;\n');
    expect(buildIsCurrent(root)).toBe(true);
  });

  it('is false once a compiled source, a nested TSX page or a config is edited', () => {
    for (const file of ['server/app.ts', 'server/pages/layout.tsx', 'repo.ts', 'tsconfig.build.json', 'tsconfig.json']) {
      build();
      writeFileSync(join(root, file), `${readFileSync(join(root, file), 'utf8')}\n`);
      expect(buildIsCurrent(root), file).toBe(false);
    }
  });

  it('is false for a source of the same size put back with an older time, and for a removed source', () => {
    build();
    const { mtime } = statSync(join(root, 'server/app.ts'));
    write('server/app.ts', 'export const app = 2;\n');
    utimesSync(join(root, 'server/app.ts'), mtime, new Date(mtime.getTime() - 60_000));
    expect(buildIsCurrent(root)).toBe(false);
    build();
    rmSync(join(root, 'server/app.ts'));
    expect(buildIsCurrent(root)).toBe(false);
  });
});
