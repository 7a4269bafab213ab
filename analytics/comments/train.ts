/**
 * Training and scoring of the comment classifier, from rows already read and parsed (no I/O).
 * One-vs-rest logistic regression for the sub-categories and a five-class softmax for
 * sentiment share one hashed TF-IDF feature space and are fitted together by Adagrad over a
 * seeded shuffle, so the same rows and seed give a byte-identical artefact. Per-sub-category
 * thresholds come from out-of-fold scores on folds cut by respondent, never by comment: most
 * respondents answered two questions, and their two comments must not straddle a split.
 */

import {
  BLOCKS, DEFAULT_FEATURE_SPEC, fnv1a, hashComment, LEXICON_BUCKETS, mix32, newScratch, newSparseVector, tokenise, weighFeatures,
  type CommentInput, type FeatureScratch, type FeatureSpec, type Lexicon, type Weighting,
} from './features.ts';
import { SUB_CATEGORIES, subCategoryIndex } from './framework.ts';
import {
  classify, encodeVarints, loadModel, MODEL_FORMAT, scoreComment, SENTIMENTS, softmax5, topSentiment,
  type Model, type ModelJson,
} from './model.ts';

export interface LabelledComment extends CommentInput {
  respondentId: string;
  /** Framework sub-category names; empty for "Not assigned". */
  labels: string[];
  /** 1 very positive … 5 very negative; null where the labellers gave none. */
  sentiment: number | null;
}

/** One example sentence from the framework's own definitions: a weak, positive-only example. */
export interface FrameworkExample {
  subCategory: string;
  text: string;
}

export interface TrainOptions {
  seed: number;
  spec: FeatureSpec;
  weighting: Weighting;
  segmentPooling: boolean;
  minSegmentWords: number;
  /** Features seen in fewer training comments are dropped (noise, and artefact size). */
  minDf: number;
  epochs: number;
  learningRate: number;
  /** Sentiment wants a gentler step than the sub-categories (it overfits sooner). */
  sentimentLearningRate: number;
  /**
   * NB-SVM-style scaling of the sentiment head: each feature's step and prior for sentiment s
   * grow as (|log-count ratio of s against the rest| + `sentimentNbOffset`)^this, counted on
   * the training comments only; 0 turns it off. Features that tell one sentiment from the
   * others learn faster than the rest, which regularises the head toward them.
   */
  sentimentNbPower: number;
  sentimentNbOffset: number;
  l2: number;
  /** Positives of a sub-category weigh (negatives / positives)^power, capped at `maxPositiveWeight`. */
  positiveWeightPower: number;
  maxPositiveWeight: number;
  /** Weight of the sentiment loss relative to one sub-category's. */
  sentimentWeight: number;
  /** Sub-category gradients smaller than this are skipped. */
  minGradient: number;
  frameworkExamples: FrameworkExample[];
  frameworkWeight: number;
  /** Folds (by respondent) whose out-of-fold scores set thresholds; 0 keeps `defaultThreshold`. */
  innerFolds: number;
  defaultThreshold: number;
  /** Pull of a rare sub-category's threshold toward the shared one, in positives. */
  thresholdPrior: number;
  /**
   * Greedy per-sentiment logit offsets from out-of-fold accuracy. Off by default: in nested
   * respondent cross-validation of the training part they did not carry to unseen folds.
   */
  tuneSentimentBias: boolean;
  /**
   * Sentiment lexicon (word → valence) whose binned sums, maxima and minima become features
   * (`lexiconSummary`), stored in the artefact; null for none. See `vaderLexicon`.
   */
  lexicon: Record<string, number> | null;
  attribution: string;
  notes: string;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 20230925,
  spec: DEFAULT_FEATURE_SPEC,
  weighting: { word: 1, char: 1, context: 0.5, meta: 0.3 },
  segmentPooling: true,
  minSegmentWords: 2,
  minDf: 2,
  epochs: 12,
  learningRate: 0.2,
  sentimentLearningRate: 0.02,
  sentimentNbPower: 1,
  sentimentNbOffset: 0.1,
  l2: 1e-5,
  positiveWeightPower: 0,
  maxPositiveWeight: 10,
  sentimentWeight: 1,
  minGradient: 1e-3,
  frameworkExamples: [],
  frameworkWeight: 0.3,
  innerFolds: 5,
  defaultThreshold: 0.35,
  thresholdPrior: 10,
  tuneSentimentBias: false,
  lexicon: null,
  attribution: '',
  notes: '',
};

export type Progress = (stage: string, done: number, total: number) => void;

/** Small, fast, seedable PRNG (mulberry32); the only randomness in training. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place, drawing from `random`. */
export function shuffle(order: Int32Array | number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/** A respondent's place in [0, 1): fixed by id and seed alone, so row order does not matter. */
export function respondentDraw(respondentId: string, seed: number): number {
  return (mix32(fnv1a(respondentId) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0) / 4294967296;
}

/** Splits rows into a training part and a held-out part of about `fraction`, by respondent. */
export function splitByRespondent<T extends { respondentId: string }>(
  rows: readonly T[], seed: number, fraction: number,
): { train: T[]; validation: T[] } {
  const train: T[] = [];
  const validation: T[] = [];
  for (const row of rows) (respondentDraw(row.respondentId, seed) < fraction ? validation : train).push(row);
  return { train, validation };
}

// ---------------------------------------------------------------------------------------------
// Framework examples

const NO_BIAS = [0, 0, 0, 0, 0];

const TONE_HEADING = /^\s*(positive|positve|negative|mixed|neutral|wishlist)[^:]{0,30}:\s*/i;

/**
 * Example comments quoted in the framework's "Examples" and "Longer-Examples" columns, one per
 * quoted phrase, with tone headings ("NEGATIVE/ WISHLIST:") and quotes stripped.
 */
export function frameworkExamples(
  rows: readonly { subCategory: string; examples: string; longerExamples: string }[],
): FrameworkExample[] {
  const out: FrameworkExample[] = [];
  for (const row of rows) {
    if (subCategoryIndex(row.subCategory) < 0) continue;
    const seen = new Set<string>();
    for (const column of [row.longerExamples, row.examples]) {
      for (const line of column.split(/\r?\n/)) {
        const body = line.replace(TONE_HEADING, '');
        for (const piece of body.split(/['’‘]\s*[,.]?\s*['‘’]/)) {
          const text = piece.replace(/^[\s'‘’",]+|[\s'‘’",]+$/g, '').replace(/\[name\]|xxxx/gi, ' ').trim();
          const key = text.toLowerCase();
          if (text.length < 3 || seen.has(key)) continue;
          seen.add(key);
          out.push({ subCategory: row.subCategory, text });
        }
      }
    }
  }
  return out;
}

/**
 * The single-word entries of VADER's lexicon (`vader_lexicon.txt`: token, mean valence −4…+4,
 * …; tab-separated) that the tokeniser can produce as they are, in word order so the artefact
 * is byte-stable. Emoticons and phrases are left out: the tokeniser never yields them.
 */
export function vaderLexicon(text: string): Record<string, number> {
  const entries = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const [token, mean] = line.split('\t');
    const value = Number(mean);
    if (!token || mean === undefined || !Number.isFinite(value)) continue;
    const words = tokenise(token);
    if (words.length === 1 && words[0] === token) entries.set(token, value);
  }
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------
// Feature space

interface Example {
  /** Bucket occurrences per TF-IDF block. */
  blocks: Int32Array[];
  meta: Int32Array;
  /** Sub-category indices. */
  labels: number[];
  /** 0…4, or -1 for none. */
  sentiment: number;
  /** Only this sub-category is learnt from the example (framework examples); -1 for all. */
  only: number;
  weight: number;
}

function toExample(
  input: CommentInput, spec: FeatureSpec, lexicon: Lexicon | null, scratch: FeatureScratch,
  labels: number[], sentiment: number, only: number, weight: number,
): Example {
  hashComment(input, spec, scratch, lexicon);
  return {
    blocks: scratch.buckets.map((buckets, block) => buckets.slice(0, scratch.counts[block])),
    meta: scratch.meta.slice(0, scratch.nMeta),
    labels, sentiment, only, weight,
  };
}

function examplesOf(rows: readonly LabelledComment[], options: TrainOptions): Example[] {
  const scratch = newScratch();
  const lexicon = options.lexicon ? new Map(Object.entries(options.lexicon)) : null;
  const examples = rows.map((row) => {
    const labels = row.labels.map(subCategoryIndex).filter((i) => i >= 0);
    const sentiment = row.sentiment !== null && row.sentiment >= 1 && row.sentiment <= 5 ? row.sentiment - 1 : -1;
    return toExample(row, options.spec, lexicon, scratch, labels, sentiment, -1, 1);
  });
  if (options.frameworkWeight > 0) {
    for (const example of options.frameworkExamples) {
      const label = subCategoryIndex(example.subCategory);
      if (label < 0) continue;
      examples.push(toExample({ comment: example.text }, options.spec, lexicon, scratch, [label], -1, label, options.frameworkWeight));
    }
  }
  return examples;
}

interface FeatureSpace {
  buckets: Int32Array;
  rowOf: Int32Array;
  idfBytes: Uint8Array;
  idf: Float32Array;
  idfStep: number;
  /**
   * 1 for a lexicon feature's row (its bucket is past the hashed ones): the sub-categories never
   * learn from it (their weights stay 0), so the lexicon informs sentiment and leaves themes alone.
   */
  sentimentOnly: Uint8Array;
}

function featureSpace(examples: readonly Example[], options: TrainOptions): FeatureSpace {
  const size = (1 << options.spec.bits) + LEXICON_BUCKETS;
  const df = new Int32Array(size);
  const lastSeen = new Int32Array(size).fill(-1);
  examples.forEach((example, index) => {
    for (const block of [...example.blocks, example.meta]) {
      for (const bucket of block) {
        if (lastSeen[bucket] !== index) {
          lastSeen[bucket] = index;
          df[bucket]++;
        }
      }
    }
  });
  const active: number[] = [];
  for (let bucket = 0; bucket < size; bucket++) if (df[bucket] >= options.minDf) active.push(bucket);
  const buckets = Int32Array.from(active);
  const rowOf = new Int32Array(size).fill(-1);
  buckets.forEach((bucket, row) => (rowOf[bucket] = row));
  const n = examples.length;
  const rawIdf = Array.from(buckets, (bucket) => Math.log((1 + n) / (1 + df[bucket])) + 1);
  const idfStep = Math.max(...rawIdf, 1) / 255;
  // Quantised before fitting, so training sees exactly the IDF that inference will.
  const idfBytes = Uint8Array.from(rawIdf, (v) => Math.max(1, Math.round(v / idfStep)));
  const idf = Float32Array.from(idfBytes, (b) => b * idfStep);
  const sentimentOnly = Uint8Array.from(buckets, (bucket) => (bucket >= 1 << options.spec.bits ? 1 : 0));
  return { buckets, rowOf, idfBytes, idf, idfStep, sentimentOnly };
}

interface Vectors {
  start: Int32Array;
  rows: Int32Array;
  values: Float32Array;
}

function vectorise(examples: readonly Example[], space: FeatureSpace, weighting: Weighting): Vectors {
  const scratch = newScratch();
  const vector = newSparseVector();
  const start = new Int32Array(examples.length + 1);
  const rows: number[] = [];
  const values: number[] = [];
  examples.forEach((example, index) => {
    for (let block = 0; block < BLOCKS.length; block++) {
      scratch.buckets[block] = example.blocks[block];
      scratch.counts[block] = example.blocks[block].length;
    }
    scratch.meta = example.meta;
    scratch.nMeta = example.meta.length;
    weighFeatures(scratch, space.rowOf, space.idf, weighting, vector);
    for (let i = 0; i < vector.n; i++) {
      rows.push(vector.rows[i]);
      values.push(vector.values[i]);
    }
    start[index + 1] = rows.length;
  });
  return { start, rows: Int32Array.from(rows), values: Float32Array.from(values) };
}

// ---------------------------------------------------------------------------------------------
// Fitting

interface Fitted {
  weights: Float64Array;
  bias: Float64Array;
}

/**
 * Per row × sentiment, the NB-SVM scale (|log r| + offset)^power, where r is how much more of
 * the row's (weighted) feature mass comments of that sentiment carry than the others, with
 * add-one smoothing. Only labelled training comments count. All ones when the power is 0.
 */
function sentimentFeatureScales(
  examples: readonly Example[], vectors: Vectors, rowCount: number, power: number, offset: number,
): Float64Array {
  const K = SENTIMENTS.length;
  const scale = new Float64Array(rowCount * K).fill(1);
  if (power === 0) return scale;
  const mass = new Float64Array(rowCount * K);
  const total = new Float64Array(K);
  examples.forEach((example, index) => {
    if (example.sentiment < 0 || example.only >= 0) return;
    for (let i = vectors.start[index]; i < vectors.start[index + 1]; i++) {
      mass[vectors.rows[i] * K + example.sentiment] += vectors.values[i];
      total[example.sentiment] += vectors.values[i];
    }
  });
  let all = 0;
  for (let s = 0; s < K; s++) all += total[s];
  for (let row = 0; row < rowCount; row++) {
    let rowMass = 0;
    for (let s = 0; s < K; s++) rowMass += mass[row * K + s];
    for (let s = 0; s < K; s++) {
      const inClass = (mass[row * K + s] + 1) / (total[s] + rowCount);
      const rest = (rowMass - mass[row * K + s] + 1) / (all - total[s] + rowCount);
      scale[row * K + s] = Math.pow(Math.abs(Math.log(inClass / rest)) + offset, power);
    }
  }
  return scale;
}

function fit(
  examples: readonly Example[], vectors: Vectors, rowCount: number, sentimentOnly: Uint8Array,
  options: TrainOptions, progress: (epoch: number) => void,
): Fitted {
  const labelCount = SUB_CATEGORIES.length;
  const outputs = labelCount + SENTIMENTS.length;
  const weights = new Float64Array(rowCount * outputs);
  const squares = new Float64Array(rowCount * outputs);
  const bias = new Float64Array(outputs);
  const biasSquares = new Float64Array(outputs);

  const positives = new Float64Array(labelCount);
  let comments = 0;
  for (const example of examples) {
    if (example.only >= 0) continue;
    comments++;
    for (const label of example.labels) positives[label]++;
  }
  const positiveWeight = Float64Array.from(positives, (p) =>
    Math.min(options.maxPositiveWeight, Math.pow((comments - p + 1) / (p + 1), options.positiveWeightPower)));

  const random = seededRandom(options.seed);
  const order = Int32Array.from(examples.keys());
  const gradient = new Float64Array(outputs);
  const z = new Float64Array(outputs);
  const isPositive = new Uint8Array(labelCount);
  const active = new Int32Array(outputs);
  const minGradient = options.minGradient;
  const lr = new Float64Array(outputs).fill(options.learningRate).fill(options.sentimentLearningRate, labelCount);
  const l2 = options.l2;
  // Sentiment weights are kept as fitted × scale (what inference uses); Adagrad runs on the
  // unscaled ones, so a scale s multiplies both the feature's gradient and its step by s.
  const sentimentScale = sentimentFeatureScales(examples, vectors, rowCount, options.sentimentNbPower, options.sentimentNbOffset);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const example = examples[index];
      const from = vectors.start[index];
      const to = vectors.start[index + 1];
      z.set(bias);
      for (let i = from; i < to; i++) {
        const value = vectors.values[i];
        const base = vectors.rows[i] * outputs;
        for (let k = 0; k < outputs; k++) z[k] += value * weights[base + k];
      }
      isPositive.fill(0);
      for (const label of example.labels) isPositive[label] = 1;
      for (let k = 0; k < labelCount; k++) {
        if (example.only >= 0 && k !== example.only) {
          gradient[k] = 0;
          continue;
        }
        const p = 1 / (1 + Math.exp(-z[k]));
        const g = isPositive[k] ? (p - 1) * positiveWeight[k] * example.weight : p * example.weight;
        // A well-fitted output barely moves: skipping it keeps training fast with no loss seen.
        gradient[k] = Math.abs(g) < minGradient ? 0 : g;
      }
      if (example.sentiment >= 0) {
        const p = softmax5(z, labelCount, NO_BIAS);
        const step = options.sentimentWeight * example.weight;
        for (let s = 0; s < 5; s++) gradient[labelCount + s] = (p[s] - (s === example.sentiment ? 1 : 0)) * step;
      } else {
        for (let s = 0; s < 5; s++) gradient[labelCount + s] = 0;
      }
      let live = 0;
      for (let k = 0; k < outputs; k++) {
        const g = gradient[k];
        if (g === 0) continue;
        active[live++] = k;
        biasSquares[k] += g * g;
        bias[k] -= (lr[k] * g) / Math.sqrt(biasSquares[k]);
      }
      for (let i = from; i < to; i++) {
        const value = vectors.values[i];
        const row = vectors.rows[i];
        const base = row * outputs;
        const themes = sentimentOnly[row] === 0;
        for (let a = 0; a < live; a++) {
          const k = active[a];
          const at = base + k;
          if (k < labelCount) {
            if (!themes) continue;
            const g = gradient[k] * value + l2 * weights[at];
            squares[at] += g * g;
            weights[at] -= (lr[k] * g) / Math.sqrt(squares[at]);
          } else {
            const scale = sentimentScale[row * SENTIMENTS.length + k - labelCount];
            const g = gradient[k] * value * scale + (l2 * weights[at]) / scale;
            squares[at] += g * g;
            weights[at] -= (scale * lr[k] * g) / Math.sqrt(squares[at]);
          }
        }
      }
    }
    progress(epoch + 1);
  }
  return { weights, bias };
}

function toBase64(bytes: Uint8Array | Int8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Rounds to 6 significant digits so the JSON is short and stable. */
function round6(x: number): number {
  return Number(x.toPrecision(6));
}

function pack(space: FeatureSpace, fitted: Fitted, options: TrainOptions): ModelJson {
  const outputs = SUB_CATEGORIES.length + SENTIMENTS.length;
  const rows = space.buckets.length;
  const scales = new Array<number>(outputs).fill(0);
  for (let i = 0; i < fitted.weights.length; i++) {
    const k = i % outputs;
    scales[k] = Math.max(scales[k], Math.abs(fitted.weights[i]));
  }
  for (let k = 0; k < outputs; k++) scales[k] = round6(scales[k] / 127 || 1e-9);
  const quantised = new Int8Array(rows * outputs);
  for (let i = 0; i < quantised.length; i++) quantised[i] = Math.round(fitted.weights[i] / scales[i % outputs]);
  return {
    format: MODEL_FORMAT,
    attribution: options.attribution,
    notes: options.notes,
    spec: options.spec,
    weighting: options.weighting,
    labels: SUB_CATEGORIES.map((s) => ({ ...s, threshold: options.defaultThreshold })),
    segmentPooling: options.segmentPooling,
    minSegmentWords: options.minSegmentWords,
    fallbackFloor: 1.01,
    sentimentBias: [0, 0, 0, 0, 0],
    rows,
    buckets: toBase64(encodeVarints(space.buckets)),
    idf: toBase64(space.idfBytes),
    idfStep: space.idfStep,
    weights: toBase64(quantised),
    scales,
    bias: Array.from(fitted.bias, round6),
    ...(options.lexicon ? { lexicon: options.lexicon } : {}),
  };
}

/** Fits one model on `rows` with the thresholds left at their default. */
function fitOnce(rows: readonly LabelledComment[], options: TrainOptions, progress: (epoch: number) => void): ModelJson {
  const examples = examplesOf(rows, options);
  const space = featureSpace(examples, options);
  const vectors = vectorise(examples, space, options.weighting);
  return pack(space, fit(examples, vectors, space.buckets.length, space.sentimentOnly, options, progress), options);
}

// ---------------------------------------------------------------------------------------------
// Thresholds

interface OutOfFold {
  /** comments × labels probabilities. */
  probabilities: Float64Array[];
  sentimentLogits: Float64Array[];
  gold: number[][];
  sentiment: number[];
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

const GRID = Array.from({ length: 90 }, (_, i) => 0.03 + i * 0.01);

function tuneThresholds(oof: OutOfFold, options: TrainOptions): { thresholds: number[]; fallbackFloor: number } {
  const labelCount = SUB_CATEGORIES.length;
  const isGold = (n: number, k: number) => oof.gold[n].includes(k);
  const counts = (k: number, t: number) => {
    let tp = 0, fp = 0, fn = 0;
    for (let n = 0; n < oof.gold.length; n++) {
      const predicted = oof.probabilities[n][k] >= t;
      const gold = isGold(n, k);
      if (predicted && gold) tp++;
      else if (predicted) fp++;
      else if (gold) fn++;
    }
    return { tp, fp, fn };
  };
  // One threshold for all sub-categories, best for micro-F1: the prior for rare ones.
  let shared = options.defaultThreshold;
  let sharedF1 = -1;
  for (const t of GRID) {
    let tp = 0, fp = 0, fn = 0;
    for (let k = 0; k < labelCount; k++) {
      const c = counts(k, t);
      tp += c.tp; fp += c.fp; fn += c.fn;
    }
    const score = f1(tp, fp, fn);
    if (score > sharedF1) {
      sharedF1 = score;
      shared = t;
    }
  }
  const thresholds = SUB_CATEGORIES.map((_, k) => {
    let best = shared;
    let bestF1 = -1;
    let support = 0;
    for (let n = 0; n < oof.gold.length; n++) if (isGold(n, k)) support++;
    for (const t of GRID) {
      const c = counts(k, t);
      const score = f1(c.tp, c.fp, c.fn);
      if (score > bestF1 + 1e-12) {
        bestF1 = score;
        best = t;
      }
    }
    if (bestF1 <= 0) return round6(shared);
    return round6((support * best + options.thresholdPrior * shared) / (support + options.thresholdPrior));
  });

  // With nothing over its threshold, is the best sub-category still worth giving?
  let fallbackFloor = 1.01;
  let bestMicro = -1;
  for (const floor of [...GRID, 1.01]) {
    let tp = 0, fp = 0, fn = 0;
    for (let n = 0; n < oof.gold.length; n++) {
      const p = oof.probabilities[n];
      const predicted: number[] = [];
      let top = 0;
      for (let k = 0; k < labelCount; k++) {
        if (p[k] > p[top]) top = k;
        if (p[k] >= thresholds[k]) predicted.push(k);
      }
      if (predicted.length === 0 && p[top] >= floor) predicted.push(top);
      for (const k of predicted) (oof.gold[n].includes(k) ? tp++ : fp++);
      for (const k of oof.gold[n]) if (!predicted.includes(k)) fn++;
    }
    const score = f1(tp, fp, fn);
    if (score > bestMicro + 1e-12) {
      bestMicro = score;
      fallbackFloor = floor;
    }
  }
  return { thresholds, fallbackFloor: round6(fallbackFloor) };
}

/** Per-sentiment logit offsets that most improve out-of-fold accuracy, in small steps. */
function tuneSentimentBias(oof: OutOfFold): number[] {
  const bias = [0, 0, 0, 0, 0];
  const accuracy = () => {
    let right = 0;
    let rated = 0;
    for (let n = 0; n < oof.sentiment.length; n++) {
      if (oof.sentiment[n] < 0) continue;
      rated++;
      if (topSentiment(softmax5(oof.sentimentLogits[n], 0, bias)) === oof.sentiment[n]) right++;
    }
    return rated === 0 ? 0 : right / rated;
  };
  let current = accuracy();
  for (let pass = 0; pass < 3; pass++) {
    for (let s = 0; s < bias.length; s++) {
      const original = bias[s];
      let bestValue = original;
      for (let step = -10; step <= 10; step++) {
        bias[s] = round6(step * 0.1);
        const a = accuracy();
        // Move only for a real gain: a bias chasing noise would not carry to new comments.
        if (a > current + 0.002) {
          current = a;
          bestValue = bias[s];
        }
      }
      bias[s] = bestValue;
    }
  }
  return bias;
}

/**
 * Trains the shipped model: out-of-fold scores over `innerFolds` respondent folds tune the
 * thresholds, then one model is fitted on all `rows` and given them.
 */
export function trainModel(rows: readonly LabelledComment[], overrides: Partial<TrainOptions> = {}, progress: Progress = () => {}): ModelJson {
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...overrides };
  const totalSteps = (options.innerFolds + 1) * options.epochs;
  let step = 0;
  const tick = (stage: string) => () => progress(stage, ++step, totalSteps);

  let thresholds = SUB_CATEGORIES.map(() => options.defaultThreshold);
  let fallbackFloor = 1.01;
  let sentimentBias = [0, 0, 0, 0, 0];
  if (options.innerFolds > 1) {
    const oof: OutOfFold = { probabilities: [], sentimentLogits: [], gold: [], sentiment: [] };
    const foldOf = (row: LabelledComment) =>
      Math.floor(respondentDraw(row.respondentId, options.seed ^ 0x5f3759df) * options.innerFolds);
    for (let fold = 0; fold < options.innerFolds; fold++) {
      const inner = rows.filter((row) => foldOf(row) !== fold);
      const held = rows.filter((row) => foldOf(row) === fold);
      const model = loadModel(fitOnce(inner, options, tick(`fold ${fold + 1}/${options.innerFolds}`)));
      for (const row of held) {
        const scores = scoreComment(model, row);
        oof.probabilities.push(scores.labels.slice());
        oof.sentimentLogits.push(scores.sentimentLogits.slice());
        oof.gold.push(row.labels.map(subCategoryIndex).filter((i) => i >= 0));
        oof.sentiment.push(row.sentiment !== null && row.sentiment >= 1 && row.sentiment <= 5 ? row.sentiment - 1 : -1);
      }
    }
    ({ thresholds, fallbackFloor } = tuneThresholds(oof, options));
    if (options.tuneSentimentBias) sentimentBias = tuneSentimentBias(oof);
  }
  const json = fitOnce(rows, options, tick('final model'));
  json.labels = json.labels.map((label, k) => ({ ...label, threshold: thresholds[k] }));
  json.fallbackFloor = fallbackFloor;
  json.sentimentBias = sentimentBias;
  return json;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface LabelMetrics {
  subCategory: string;
  category: string;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  comments: number;
  microPrecision: number;
  microRecall: number;
  microF1: number;
  /** Mean F1 over the sub-categories present in the gold labels of these rows. */
  macroF1: number;
  labelsPresent: number;
  /** Share of comments whose predicted set equals the gold set exactly. */
  exactMatch: number;
  /** Share of comments with a gold sentiment given exactly that sentiment. */
  sentimentAccuracy: number;
  sentimentRated: number;
  perLabel: LabelMetrics[];
}

/** How far the labellers agree with themselves on sentiment: see {@link sentimentAgreement}. */
export interface SentimentAgreement {
  /** Groups of two or more rated comments with the same words, question and FFT answer. */
  groups: number;
  /** Rated comments in those groups. */
  comments: number;
  /** Of those comments, how many carry their group's commonest sentiment. */
  withMajority: number;
  /** Groups whose comments do not all carry one sentiment. */
  disagreeing: number;
}

/**
 * Comments that are the same words (case, punctuation and spacing aside) under the same question
 * and FFT answer, as labelled: a ceiling on how often any model can match the labels' sentiment
 * where it has nothing but the comment to go on.
 */
export function sentimentAgreement(rows: readonly LabelledComment[]): SentimentAgreement {
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    if (row.sentiment === null || row.sentiment < 1 || row.sentiment > 5) continue;
    const words = row.comment.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
    if (!words) continue;
    const key = JSON.stringify([words, row.question, row.fftAnswer]);
    const group = groups.get(key);
    if (group) group.push(row.sentiment);
    else groups.set(key, [row.sentiment]);
  }
  const result: SentimentAgreement = { groups: 0, comments: 0, withMajority: 0, disagreeing: 0 };
  for (const sentiments of groups.values()) {
    if (sentiments.length < 2) continue;
    const counts = new Map<number, number>();
    for (const s of sentiments) counts.set(s, (counts.get(s) ?? 0) + 1);
    result.groups++;
    result.comments += sentiments.length;
    result.withMajority += Math.max(...counts.values());
    if (counts.size > 1) result.disagreeing++;
  }
  return result;
}

/** Scores `model` on labelled rows the way the framework's own project reports its models. */
export function evaluate(model: Model, rows: readonly LabelledComment[]): Evaluation {
  const labelCount = SUB_CATEGORIES.length;
  const tp = new Array<number>(labelCount).fill(0);
  const fp = new Array<number>(labelCount).fill(0);
  const fn = new Array<number>(labelCount).fill(0);
  let exact = 0;
  let rated = 0;
  let sentimentRight = 0;
  for (const row of rows) {
    const result = classify(model, row);
    const predicted = new Set(result.labels.map((l) => subCategoryIndex(l.subCategory)));
    const gold = new Set(row.labels.map(subCategoryIndex).filter((i) => i >= 0));
    for (const k of predicted) (gold.has(k) ? tp : fp)[k]++;
    for (const k of gold) if (!predicted.has(k)) fn[k]++;
    if (predicted.size === gold.size && [...gold].every((k) => predicted.has(k))) exact++;
    if (row.sentiment !== null && row.sentiment >= 1 && row.sentiment <= 5) {
      rated++;
      if (result.sentiment === row.sentiment) sentimentRight++;
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const perLabel = SUB_CATEGORIES.map((s, k) => ({
    ...s,
    support: tp[k] + fn[k],
    predicted: tp[k] + fp[k],
    precision: tp[k] + fp[k] === 0 ? 0 : tp[k] / (tp[k] + fp[k]),
    recall: tp[k] + fn[k] === 0 ? 0 : tp[k] / (tp[k] + fn[k]),
    f1: f1(tp[k], fp[k], fn[k]),
  }));
  const present = perLabel.filter((l) => l.support > 0);
  const TP = sum(tp), FP = sum(fp), FN = sum(fn);
  return {
    comments: rows.length,
    microPrecision: TP + FP === 0 ? 0 : TP / (TP + FP),
    microRecall: TP + FN === 0 ? 0 : TP / (TP + FN),
    microF1: f1(TP, FP, FN),
    macroF1: present.length === 0 ? 0 : sum(present.map((l) => l.f1)) / present.length,
    labelsPresent: present.length,
    exactMatch: rows.length === 0 ? 0 : exact / rows.length,
    sentimentAccuracy: rated === 0 ? 0 : sentimentRight / rated,
    sentimentRated: rated,
    perLabel,
  };
}
