import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadModel } from '../../analytics/comments/model.ts';
import { evaluate, trainModel } from '../../analytics/comments/train.ts';
import { commentsCommand, CURVE_FRACTIONS, CURVE_SEEDS, loadSplit, shippedOptions, subsample } from './comments.ts';

const dir = mkdtempSync(join(tmpdir(), 'fft-comments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small labelled set in train.csv's columns: three themes, good and bad, and 20 comments of unknown words. */
function writeData() {
  const themes = [
    { label: 'Timeliness of care', good: ['ambulance came quickly', 'seen on time with no wait'], bad: ['waited hours for the ambulance', 'long wait in a&e'] },
    { label: 'Staff manner & personal attributes', good: ['nurses kind and caring', 'friendly polite staff'], bad: ['rude receptionist', 'staff were dismissive'] },
    { label: 'Food & drink provision & facilities', good: ['lovely hot meals', 'good food and drinks'], bad: ['food was cold', 'no choice of meals'] },
  ];
  const lines = ['comment_id,respondent_id,trust,date,service_type_1,service_type_2,fft_answer,question,comment,sentiment,labels'];
  let n = 0;
  for (const extra of ['', 'really', 'today', 'again', 'thanks']) {
    for (const theme of themes) {
      for (const [i, text] of [...theme.good, ...theme.bad].entries()) {
        const good = i < theme.good.length;
        const respondent = `R${n >> 1}`;
        lines.push(`C${n++},${respondent},NEAS,1/1/2022,PTS,,${good ? 1 : 4},${good ? 'What was good?' : 'What could we do better?'},${`${text} ${extra}`.trim()},${good ? 1 : 4},${theme.label}`);
      }
    }
  }
  // Words found nowhere else (twice, by one respondent), each with a theme: only a model that saw them knows them.
  for (let i = 0; i < 20; i++) {
    const theme = themes[i % themes.length]!;
    for (const question of ['FFT Why?', 'What could we do better?']) lines.push(`C${n++},U${i},NHFT,1/1/2022,Community,,3,${question},zorp${i} blint${i} quax${i},3,${theme.label}`);
  }
  writeFileSync(join(dir, 'train.csv'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'framework-2023.csv'), 'Category,Sub-category,Sub-category description,Examples,Longer-Examples\nStaff,Staff manner & personal attributes,How staff behave,"\'Very kind nurses\'",\n');
}

/** Runs `fft comments …` and returns what it printed. */
async function run(argv: string[]): Promise<string> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await commentsCommand(argv)).toBe(0);
  } finally {
    write.mockRestore();
    stderr.mockRestore();
  }
  return out;
}

describe('fft comments evaluate', () => {
  it('scores the recipe trained on the training part only, on the held-out part, not the shipped artefact', async () => {
    writeData();
    const { all, train, validation } = loadSplit(dir);
    expect(all).toHaveLength(100);
    expect(train.length).toBeGreaterThan(0);
    expect(validation.length).toBeGreaterThan(0);
    expect(train.length + validation.length).toBe(all.length);
    const expected = evaluate(loadModel(trainModel(train, shippedOptions(dir))), validation);
    const out = await run(['evaluate', '--data', dir]);
    expect(out).toContain(`held-out part: ${validation.length} comments`);
    expect(out).toMatch(new RegExp(`^comments +${validation.length}$`, 'm'));
    expect(out).toMatch(new RegExp(`^micro-F1 +${expected.microF1.toFixed(3)} `, 'm'));
    expect(out).toMatch(new RegExp(`^sentiment accuracy ${expected.sentimentAccuracy.toFixed(3)} `, 'm'));
    // A model that learnt from the held-out part too (as the shipped one has) scores it otherwise.
    const seenIt = evaluate(loadModel(trainModel(all, shippedOptions(dir))), validation);
    expect(seenIt.microF1).not.toBe(expected.microF1);
  });
});

describe('fft comments curve', () => {
  it('scores the recipe trained on 60%, 80% (two draws each) and all of the training part on the held-out part, and writes the table', async () => {
    writeData();
    const { train, validation } = loadSplit(dir);
    const report = join(dir, 'curve.md');
    const out = await run(['curve', '--data', dir, '--report', report]);
    const rows = out.split('\n').filter((line) => /^\| \d+% \|/.test(line));
    expect(rows).toHaveLength(CURVE_FRACTIONS.length * CURVE_SEEDS.length + 1);
    const expectedRow = (share: string, draw: string, rows: typeof train) => {
      const e = evaluate(loadModel(trainModel(rows, shippedOptions(dir))), validation);
      const respondents = new Set(rows.map((r) => r.respondentId)).size;
      return `| ${share} | ${draw} | ${rows.length} | ${respondents} | ${e.microF1.toFixed(3)} | ${e.macroF1.toFixed(3)} | ${e.sentimentAccuracy.toFixed(3)} |`;
    };
    const sixty = subsample(train, 0.6, 1);
    // About 60% of the training part, whole respondents only, and another draw is another part.
    expect(sixty.length).toBeGreaterThan(0);
    expect(sixty.length).toBeLessThan(train.length);
    expect(new Set(subsample(train, 0.6, 2).map((r) => r.respondentId))).not.toEqual(new Set(sixty.map((r) => r.respondentId)));
    const inSixty = new Set(sixty.map((r) => r.respondentId));
    expect(train.filter((r) => inSixty.has(r.respondentId))).toEqual(sixty);
    expect(rows[0]).toBe(expectedRow('60%', '1', sixty));
    expect(rows.at(-1)).toBe(expectedRow('100%', '', train));
    expect(readFileSync(report, 'utf8')).toContain(rows.join('\n'));
  });
});
