/**
 * What the comment models make of one comment: themes and sentiment (the trained classifier),
 * personal data redacted two ways (staff names kept for internal views, every name for exports
 * and public pages), and whether it may need action today. Pure apart from loading the model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify, isNonAnswer, loadModel, type Model } from '../../analytics/comments/model.ts';
import { detectConcern } from '../../analytics/concerns.ts';
import { redact } from '../../analytics/redaction.ts';
import type { CommentAnalysis } from '../../db/store.ts';

const MODEL_FILE = fileURLToPath(new URL('../../analytics/comments/model.json', import.meta.url));

let loaded: { model: Model; version: string } | null = null;

/** The committed model, parsed once; its version is a hash of the artefact. */
export function commentModel(): { model: Model; version: string } {
  if (!loaded) {
    const text = readFileSync(MODEL_FILE, 'utf8');
    loaded = { model: loadModel(text), version: createHash('sha256').update(text).digest('hex').slice(0, 12) };
  }
  return loaded;
}

export interface CommentToAnalyse {
  id: string;
  unitCode: string;
  answeredDay: string;
  answer: number;
  question: string;
  comment: string;
}

export function analyseComment(c: CommentToAnalyse, at: string): CommentAnalysis {
  const { model, version } = commentModel();
  // The service asks "Please tell us why you gave your answer": the model's "FFT Why?" question.
  const fftAnswer = c.question === 'nps-0-10' ? null : c.answer;
  const result = classify(model, { comment: c.comment, fftAnswer, question: 'fft-why' });
  const concern = isNonAnswer(c.comment) ? null : detectConcern(c.comment);
  return {
    responseId: c.id,
    unitCode: c.unitCode,
    day: c.answeredDay,
    labels: result.labels.map((l) => ({ subCategory: l.subCategory, category: l.category })),
    sentiment: result.sentiment,
    concern: concern?.concern ? concern.reason : null,
    redactedInternal: redact(c.comment, { staffNames: 'keep' }).text,
    redactedPublic: redact(c.comment, { staffNames: 'redact' }).text,
    modelVersion: version,
    analysedAt: at,
  };
}
