/**
 * What the comment models make of one comment: themes and sentiment (the trained classifier),
 * personal data redacted two ways (staff names kept for internal views, every name for exports
 * and public pages), and whether it may need action today. Pure apart from loading the model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, isNonAnswer, loadModel, type Model } from '../../analytics/comments/model.ts';
import { flagConcern, loadConcernModel, type ConcernModel } from '../../analytics/comments/concern-model.ts';
import { redact, redactPart, type RedactResult } from '../../analytics/redaction.ts';
import type { CommentAnalysis, StoredComment } from '../../db/store.ts';
import { REPO_ROOT } from '../../repo.ts';

const MODEL_FILE = join(REPO_ROOT, 'analytics/comments/model.json');
const CONCERN_MODEL_FILE = join(REPO_ROOT, 'analytics/comments/concern-model.json');

let loaded: { model: Model; concerns: ConcernModel; version: string } | null = null;

/**
 * The committed models (themes and sentiment; serious concerns), parsed once; the version is a
 * hash of both artefacts, so `fft comments reclassify` redoes comments after either changes.
 */
export function commentModel(): { model: Model; concerns: ConcernModel; version: string } {
  if (!loaded) {
    const text = readFileSync(MODEL_FILE, 'utf8');
    const concerns = readFileSync(CONCERN_MODEL_FILE, 'utf8');
    loaded = {
      model: loadModel(text),
      concerns: loadConcernModel(concerns),
      version: createHash('sha256').update(text).update(concerns).digest('hex').slice(0, 12),
    };
  }
  return loaded;
}

/**
 * A comment as stored; `channel` (`import`: history brought from another system, which alerts only
 * when recent) may be left out by callers that analyse text of no channel.
 */
export type CommentToAnalyse = Omit<StoredComment, 'channel'> & { channel?: string };

export interface TextAnalysis {
  labels: { subCategory: string; category: string }[];
  sentiment: number;
  concern: string | null;
  /** The sentence that raised the concern, with every name redacted (for the alert). */
  concernEvidence: string | null;
  redactedInternal: string;
  redactedPublic: string;
}

/** Everything the models say of one comment: the one place that runs them. */
export function analyseText(input: { comment: string; fftAnswer?: number | null; question?: string | null }): TextAnalysis {
  const result = classify(commentModel().model, { comment: input.comment, fftAnswer: input.fftAnswer ?? null, question: input.question ?? null });
  const concern = isNonAnswer(input.comment) ? null : flagConcern(input.comment, commentModel().concerns);
  const publicView = redact(input.comment, { staffNames: 'redact' });
  return {
    labels: result.labels.map((l) => ({ subCategory: l.subCategory, category: l.category })),
    sentiment: result.sentiment,
    concern: concern?.concern ? concern.reason : null,
    concernEvidence: concern?.concern ? evidenceAsRedacted(input.comment, concern.evidence, publicView) : null,
    redactedInternal: redact(input.comment, { staffNames: 'keep' }).text,
    redactedPublic: publicView.text,
  };
}

/**
 * The sentence behind a concern as it reads in the redacted comment. Redacting the sentence on
 * its own missed personal data cut at its edges (an e-mail address split at ".com", a phone
 * number at the '…' of a long sentence).
 */
function evidenceAsRedacted(comment: string, evidence: string, redacted: RedactResult): string {
  const cut = evidence.endsWith('…');
  const quoted = cut ? evidence.slice(0, -1) : evidence;
  const start = comment.indexOf(quoted);
  if (start < 0) return redact(evidence, { staffNames: 'redact' }).text;
  return redactPart(comment, redacted.found, start, start + quoted.length) + (cut ? '…' : '');
}

export function analyseComment(c: CommentToAnalyse, at: string): CommentAnalysis & { concernEvidence: string | null } {
  // The service asks "Please tell us why you gave your answer": the model's "FFT Why?" question.
  const text = analyseText({ comment: c.comment, fftAnswer: c.question === 'nps-0-10' ? null : c.answer, question: 'fft-why' });
  return { responseId: c.id, unitCode: c.unitCode, day: c.answeredDay, ...text, modelVersion: commentModel().version, analysedAt: at };
}
