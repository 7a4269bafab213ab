/**
 * Comment classifier at run time: loads the committed artefact and gives each FFT comment its
 * framework sub-categories and a sentiment (1 very positive … 5 very negative). One linear
 * model scores every sub-category and the five sentiments from the same hashed features;
 * no I/O, no network, no allocation beyond a few reused buffers.
 */

import {
  BLOCKS, blockScales, hashComment, LEXICON_BUCKETS, MAX_SEGMENTS, newScratch,
  type CommentInput, type FeatureSpec, type Lexicon, type Weighting,
} from './features.ts';
import { LABELLING_NOT_POSSIBLE, SUB_CATEGORIES, subCategoryIndex, type SubCategory } from './framework.ts';

export type Sentiment = 1 | 2 | 3 | 4 | 5;
export const SENTIMENTS: readonly Sentiment[] = [1, 2, 3, 4, 5];

export const MODEL_FORMAT = 'fft-comment-classifier/1';

/** The artefact as stored: small numbers inline, big arrays as base64 of packed bytes. */
export interface ModelJson {
  format: typeof MODEL_FORMAT;
  attribution: string;
  notes: string;
  spec: FeatureSpec;
  weighting: Weighting;
  labels: { subCategory: string; category: string; threshold: number }[];
  /**
   * Score each sentence of at least `minSegmentWords` words too, and let a sub-category that a
   * sentence clearly raises count even when the rest of a long comment is about other things.
   */
  segmentPooling: boolean;
  minSegmentWords: number;
  /** With no label over its threshold, give the best one if its probability reaches this. */
  fallbackFloor: number;
  /** Added to the sentiment logits (tuned for accuracy on held-out folds). */
  sentimentBias: number[];
  rows: number;
  /** Sorted hash buckets the model knows, as LEB128 varints of the gaps. */
  buckets: string;
  /** IDF per row, uint8, value = byte × idfStep. */
  idf: string;
  idfStep: number;
  /** Row-major int8 weights, rows × (labels + 5), value = byte × scale of its column. */
  weights: string;
  scales: number[];
  bias: number[];
  /**
   * Word → valence of the sentiment lexicon the lexicon features were trained with (see
   * `lexiconSummary`); absent in a model trained without them.
   */
  lexicon?: Record<string, number>;
}

export interface Model {
  spec: FeatureSpec;
  weighting: Weighting;
  labels: SubCategory[];
  thresholds: Float64Array;
  segmentPooling: boolean;
  minSegmentWords: number;
  fallbackFloor: number;
  sentimentBias: Float64Array;
  /** Hash bucket (or lexicon feature's bucket past them) → row, -1 where the model has no feature. */
  rowOf: Int32Array;
  idf: Float32Array;
  /**
   * rows × outputs, outputs = labels then sentiments 1…5, as stored (int8); a weight is
   * `weights[i] × scales[output]`. Kept as bytes: a row is one cache line, and the whole
   * table stays in cache, which is most of the speed.
   */
  weights: Int8Array;
  scales: Float64Array;
  bias: Float64Array;
  outputs: number;
  /** Null for a model trained without lexicon features. */
  lexicon: Lexicon | null;
  workspace: Workspace;
}

/** Buffers reused across calls, sized to one model. */
interface Workspace {
  stamp: number;
  /** Four per row: stamp and count in the comment, stamp and count in the sentence. */
  rowState: Int32Array;
  /** Per segment × block × output: Σ idf × weight over occurrences. */
  partial: Float64Array;
  wholeNorm: Float64Array;
  segmentNorm: Float64Array;
  meta: Float64Array;
  metaRows: number[];
  logits: Float64Array;
  best: Float64Array;
}

/** What the linear model makes of one comment, before thresholds. Reused by the next call. */
export interface Scores {
  /** Probability of each sub-category, after sentence pooling. */
  labels: Float64Array;
  /** Sentiment logits 1…5, before `sentimentBias`. */
  sentimentLogits: Float64Array;
}

export interface LabelScore extends SubCategory {
  /** Model probability that the sub-category applies, 0…1. */
  score: number;
}

export interface Classification {
  labels: LabelScore[];
  sentiment: Sentiment;
  /** Probability of each sentiment, keyed 1…5. */
  sentimentScores: Record<Sentiment, number>;
}

export function encodeVarints(values: ArrayLike<number>): Uint8Array {
  const bytes: number[] = [];
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    let gap = values[i] - previous;
    previous = values[i];
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  return Uint8Array.from(bytes);
}

export function decodeVarints(bytes: Uint8Array, count: number): Int32Array {
  const values = new Int32Array(count);
  let at = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++];
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    previous += gap;
    values[i] = previous;
  }
  return values;
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Unpacks the stored artefact; throws if it is not one this code can read. */
export function loadModel(json: ModelJson | string): Model {
  const stored: ModelJson = typeof json === 'string' ? JSON.parse(json) : json;
  if (stored.format !== MODEL_FORMAT) throw new Error(`comment model: unknown format ${String(stored.format)}`);
  const labels = stored.labels.map((l) => {
    const index = subCategoryIndex(l.subCategory);
    if (index < 0) throw new Error(`comment model: "${l.subCategory}" is not a framework sub-category`);
    return SUB_CATEGORIES[index];
  });
  const outputs = labels.length + SENTIMENTS.length;
  const buckets = decodeVarints(fromBase64(stored.buckets), stored.rows);
  const rowOf = new Int32Array((1 << stored.spec.bits) + LEXICON_BUCKETS).fill(-1);
  for (let row = 0; row < buckets.length; row++) rowOf[buckets[row]] = row;
  const idfBytes = fromBase64(stored.idf);
  const idf = new Float32Array(stored.rows);
  for (let row = 0; row < stored.rows; row++) idf[row] = idfBytes[row] * stored.idfStep;
  const weightBytes = new Int8Array(fromBase64(stored.weights).buffer);
  if (weightBytes.length !== stored.rows * outputs) throw new Error('comment model: weights do not match rows × outputs');
  return {
    spec: stored.spec,
    weighting: stored.weighting,
    labels,
    thresholds: Float64Array.from(stored.labels, (l) => l.threshold),
    segmentPooling: stored.segmentPooling,
    minSegmentWords: stored.minSegmentWords,
    fallbackFloor: stored.fallbackFloor,
    sentimentBias: Float64Array.from(stored.sentimentBias),
    rowOf,
    idf,
    weights: weightBytes,
    scales: Float64Array.from(stored.scales),
    bias: Float64Array.from(stored.bias),
    outputs,
    lexicon: stored.lexicon ? new Map(Object.entries(stored.lexicon)) : null,
    workspace: {
      stamp: 0,
      rowState: new Int32Array(stored.rows * 4),
      partial: new Float64Array(MAX_SEGMENTS * BLOCKS.length * outputs),
      wholeNorm: new Float64Array(BLOCKS.length),
      segmentNorm: new Float64Array(MAX_SEGMENTS * BLOCKS.length),
      meta: new Float64Array(outputs),
      metaRows: [],
      logits: new Float64Array(outputs),
      best: new Float64Array(labels.length),
    },
  };
}

const NON_ANSWERS = new Set([
  '', 'did not answer', 'didnt answer', 'not answered', 'no answer', 'no answer given', 'no response',
  'no comment', 'no comments', 'n a', 'na', 'nil', 'not applicable', 'feedback given', 'blank', 'none given',
]);

/**
 * True for an answer that says nothing about care: blank, punctuation only, "Did not answer",
 * "N/A", "No comment". Not "Nothing" or "None": under "What could we improve?" those are
 * praise, and the labellers treated them so.
 */
export function isNonAnswer(comment: string | null | undefined): boolean {
  if (!comment) return true;
  if (comment.length > 40) return false;
  const words = comment.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return NON_ANSWERS.has(words);
}

const scratch = newScratch();
const scores: Scores = { labels: new Float64Array(0), sentimentLogits: new Float64Array(5) };

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Scores one comment. A single pass over the feature occurrences sums idf × weight per
 * sentence and block; the whole comment's vector (exactly the one trained on) and each
 * sentence's are then only different normalisations of those sums.
 */
export function scoreComment(model: Model, input: CommentInput): Scores {
  const { outputs, weights, idf, rowOf } = model;
  const ws = model.workspace;
  const labelCount = model.labels.length;
  const blockCount = BLOCKS.length;
  hashComment(input, model.spec, scratch, model.lexicon);
  const segments = Math.max(1, scratch.nSegments);
  ws.partial.fill(0, 0, segments * blockCount * outputs);
  ws.wholeNorm.fill(0);
  ws.segmentNorm.fill(0, 0, segments * blockCount);
  const partial = ws.partial;

  for (let block = 0; block < blockCount; block++) {
    const count = scratch.counts[block];
    if (count === 0) continue;
    if (ws.stamp > 0x7fffff00 - MAX_SEGMENTS) {
      ws.rowState.fill(0);
      ws.stamp = 0;
    }
    // Stamps tell a row's first occurrence in this block (and sentence) without clearing arrays.
    const stamp = (ws.stamp += MAX_SEGMENTS + 1);
    const buckets = scratch.buckets[block];
    const segmentOf = scratch.segments[block];
    const state = ws.rowState;
    const segmentNorm = ws.segmentNorm;
    const bySegment = segments > 1;
    let norm = 0;
    for (let i = 0; i < count; i++) {
      const row = rowOf[buckets[i]];
      if (row < 0) continue;
      const v = idf[row];
      const v2 = v * v;
      // Per row: [stamp, count in comment, stamp + 1 + sentence, count in sentence].
      const s = row << 2;
      if (state[s] !== stamp) {
        state[s] = stamp;
        state[s + 1] = 0;
      }
      // (tf + 1)² − tf² = 2 tf + 1: the squared norm grows as counts do.
      norm += v2 * (2 * state[s + 1]++ + 1);
      let at = block * outputs;
      if (bySegment) {
        const segment = segmentOf[i];
        const key = stamp + segment + 1;
        if (state[s + 2] !== key) {
          state[s + 2] = key;
          state[s + 3] = 0;
        }
        segmentNorm[segment * blockCount + block] += v2 * (2 * state[s + 3]++ + 1);
        at = (segment * blockCount + block) * outputs;
      }
      const base = row * outputs;
      for (let k = 0; k < outputs; k++) partial[at + k] += v * weights[base + k];
    }
    ws.wholeNorm[block] = norm;
  }

  // Weights are summed as stored bytes above; each output's scale is applied once, here.
  const scales = model.scales;
  for (let segment = 0; segment < segments; segment++) {
    for (let block = 0; block < blockCount; block++) {
      const at = (segment * blockCount + block) * outputs;
      for (let k = 0; k < outputs; k++) partial[at + k] *= scales[k];
    }
  }
  const meta = ws.meta;
  meta.set(model.bias);
  const metaRows = ws.metaRows;
  metaRows.length = 0;
  for (let i = 0; i < scratch.nMeta; i++) {
    const row = rowOf[scratch.meta[i]];
    if (row < 0 || metaRows.includes(row)) continue;
    metaRows.push(row);
    const base = row * outputs;
    for (let k = 0; k < outputs; k++) meta[k] += model.weighting.meta * weights[base + k] * scales[k];
  }

  const blockScale = blockScales(model.weighting);
  const logits = ws.logits;
  logits.set(meta);
  for (let block = 0; block < blockCount; block++) {
    if (ws.wholeNorm[block] <= 0) continue;
    const factor = blockScale[block] / Math.sqrt(ws.wholeNorm[block]);
    for (let segment = 0; segment < segments; segment++) {
      const at = (segment * blockCount + block) * outputs;
      for (let k = 0; k < outputs; k++) logits[k] += factor * partial[at + k];
    }
  }

  if (scores.labels.length !== labelCount) scores.labels = new Float64Array(labelCount);
  const labels = scores.labels;
  for (let k = 0; k < labelCount; k++) labels[k] = sigmoid(logits[k]);
  scores.sentimentLogits.set(logits.subarray(labelCount, labelCount + 5));

  if (model.segmentPooling) {
    let eligible = 0;
    for (let segment = 0; segment < segments; segment++) if (scratch.segmentWords[segment] >= model.minSegmentWords) eligible++;
    if (eligible >= 2) {
      const best = ws.best.fill(0);
      for (let segment = 0; segment < segments; segment++) {
        if (scratch.segmentWords[segment] < model.minSegmentWords) continue;
        for (let k = 0; k < labelCount; k++) {
          let z = meta[k];
          for (let block = 0; block < blockCount; block++) {
            const norm = ws.segmentNorm[segment * blockCount + block];
            if (norm > 0) z += (blockScale[block] / Math.sqrt(norm)) * partial[(segment * blockCount + block) * outputs + k];
          }
          best[k] = Math.max(best[k], sigmoid(z));
        }
      }
      // Halfway to the best sentence: one clear sentence lifts a sub-category without the
      // comment's overall drift being thrown away.
      for (let k = 0; k < labelCount; k++) labels[k] = Math.max(labels[k], (labels[k] + best[k]) / 2);
    }
  }
  return scores;
}

/** Probabilities of the five sentiments from their logits (stable softmax). */
export function softmax5(z: ArrayLike<number>, offset: number, bias: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let s = 0; s < 5; s++) max = Math.max(max, z[offset + s] + bias[s]);
  const p = new Array<number>(5);
  let sum = 0;
  for (let s = 0; s < 5; s++) sum += p[s] = Math.exp(z[offset + s] + bias[s] - max);
  for (let s = 0; s < 5; s++) p[s] /= sum;
  return p;
}

export function topSentiment(p: readonly number[]): number {
  let top = 0;
  for (let s = 1; s < 5; s++) if (p[s] > p[top]) top = s;
  return top;
}

/** Sub-categories (best first) and sentiment of one comment. */
export function classify(model: Model, input: CommentInput): Classification {
  if (isNonAnswer(input.comment)) {
    // The labellers' rule: blanks and "Did not answer" are "Labelling not possible"; with nothing
    // said, sentiment is neutral.
    return {
      labels: [{ ...SUB_CATEGORIES[subCategoryIndex(LABELLING_NOT_POSSIBLE)], score: 1 }],
      sentiment: 3,
      sentimentScores: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 },
    };
  }
  const { labels: probabilities, sentimentLogits } = scoreComment(model, input);
  const labels: LabelScore[] = [];
  let best = 0;
  for (let k = 0; k < model.labels.length; k++) {
    if (probabilities[k] > probabilities[best]) best = k;
    if (probabilities[k] >= model.thresholds[k]) labels.push({ ...model.labels[k], score: probabilities[k] });
  }
  if (labels.length === 0 && probabilities[best] >= model.fallbackFloor) {
    labels.push({ ...model.labels[best], score: probabilities[best] });
  }
  labels.sort((a, b) => b.score - a.score);
  const p = softmax5(sentimentLogits, 0, model.sentimentBias);
  const top = topSentiment(p);
  return {
    labels,
    sentiment: SENTIMENTS[top],
    sentimentScores: { 1: p[0], 2: p[1], 3: p[2], 4: p[3], 5: p[4] },
  };
}
