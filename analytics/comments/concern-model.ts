/**
 * A learned second opinion for serious-concern flags (`analytics/concerns.ts` holds the rules).
 * The rules read well and explain themselves, but on wording they were not built from they catch
 * about a third of clear concerns; this model, trained on the same hand-labelled cases, catches
 * most of them (measured on batches written blind: see docs/CONCERN-MODEL.md). A comment is
 * flagged when the rules fire or, failing that, when the model's probability reaches its
 * threshold; the model's reason head then names the kind of concern.
 *
 * Features: the comment classifier's hashed word unigrams and bigrams and character n-grams
 * inside words (`hashComment`, here 3–5-grams), each block with sublinear counts and
 * L2-normalised. Binary logistic regression (concern or not) and a five-way softmax over the
 * reasons, trained by Adagrad over a seeded shuffle (`trainConcernModel`), with real FFT comments
 * the rules do not flag as light-weight negatives. Pure: no I/O.
 */
import { CONCERN_REASONS, detectConcern, type Concern, type ConcernCase, type ConcernReason } from '../concerns.ts';
import { CHAR, hashComment, newScratch, WORD, type FeatureSpec } from './features.ts';
import { seededRandom, shuffle } from './train.ts';

export interface ConcernFeatureSpec {
  bits: number;
  charMin: number;
  charMax: number;
}

/** One head's weights as stored: the non-zero int8 weights (× scale) at delta-coded bucket indices. */
export interface SparseHeadJson {
  bias: number;
  scale: number;
  /** base64 of the bucket indices, each as the LEB128 varint of its gap from the one before. */
  index: string;
  /** base64 of the int8 weights, one per index. */
  value: string;
}

export interface ConcernModelJson {
  kind: 'fft-concern-model';
  version: 1;
  spec: ConcernFeatureSpec;
  /** Probability at or above which the model flags a comment. */
  threshold: number;
  reasons: ConcernReason[];
  concern: SparseHeadJson;
  /** One head per reason, in `reasons` order. */
  reason: SparseHeadJson[];
  notes: string;
}

export interface ConcernModel {
  spec: ConcernFeatureSpec;
  threshold: number;
  reasons: ConcernReason[];
  concern: ConcernHead;
  reason: ConcernHead[];
  features: ConcernFeatures;
}

/**
 * A head as loaded: its int8 weights over every bucket, as stored, and their scale. A weight is
 * `Math.fround(q[i] × scale)`, the float32 a dense head would hold, so the scores are the same to
 * the bit; one byte a bucket instead of four keeps six heads at 1.5 MB rather than 6 MB in every
 * process (and thread) that loads the model.
 */
export interface ConcernHead {
  q: Int8Array;
  scale: number;
  b: number;
}

/** A loaded head's weight at a bucket (the float32 value the trained head was packed from, quantised). */
export function headWeight(head: ConcernHead, bucket: number): number {
  return Math.fround(head.q[bucket] * head.scale);
}

/** Sparse features of one text, in buffers reused from call to call. */
export class ConcernFeatures {
  index = new Int32Array(1024);
  value = new Float32Array(1024);
  length = 0;
  /** Words in the text last run. */
  words = 0;
  private readonly counts: Float32Array;
  private touched = new Int32Array(1024);
  private touchedLength = 0;
  private readonly scratch = newScratch();
  /** The classifier's word and character blocks only: no question, answer or short-comment features. */
  private readonly hashing: FeatureSpec;

  constructor(readonly spec: ConcernFeatureSpec) {
    this.counts = new Float32Array(1 << spec.bits);
    this.hashing = { ...spec, shortWords: 0, questionWords: false, answerWords: false };
  }

  private hit(bucket: number): void {
    if (this.counts[bucket] === 0) {
      if (this.touchedLength === this.touched.length) this.touched = grow(this.touched, this.touched.length * 2);
      this.touched[this.touchedLength++] = bucket;
    }
    this.counts[bucket]++;
  }

  /** Ends a block: sublinear counts, L2-normalised, scaled so the two blocks weigh the same. */
  private flush(): void {
    let squares = 0;
    for (let i = 0; i < this.touchedLength; i++) {
      const v = 1 + Math.log(this.counts[this.touched[i]]);
      squares += v * v;
    }
    const factor = squares > 0 ? Math.SQRT1_2 / Math.sqrt(squares) : 0;
    if (this.length + this.touchedLength > this.index.length) {
      const size = Math.max(this.index.length * 2, this.length + this.touchedLength);
      this.index = grow(this.index, size);
      this.value = growFloat(this.value, size);
    }
    for (let i = 0; i < this.touchedLength; i++) {
      const bucket = this.touched[i];
      this.index[this.length] = bucket;
      this.value[this.length++] = (1 + Math.log(this.counts[bucket])) * factor;
      this.counts[bucket] = 0;
    }
    this.touchedLength = 0;
  }

  /** The features of `text` into index/value[0..length). */
  run(text: string): this {
    this.length = 0;
    const hashed = hashComment({ comment: text }, this.hashing, this.scratch);
    this.words = hashed.words.length;
    for (const block of [WORD, CHAR]) {
      const buckets = hashed.buckets[block];
      for (let i = 0; i < hashed.counts[block]; i++) this.hit(buckets[i]);
      this.flush();
    }
    return this;
  }

  /** A copy of the current features, for training. */
  snapshot(): { index: Int32Array; value: Float32Array } {
    return { index: this.index.slice(0, this.length), value: this.value.slice(0, this.length) };
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function growFloat(a: Float32Array, size: number): Float32Array<ArrayBuffer> {
  const b = new Float32Array(size);
  b.set(a);
  return b;
}

function dot(w: Float32Array, b: number, f: { index: Int32Array; value: Float32Array; length?: number }, length = f.index.length): number {
  let z = b;
  for (let k = 0; k < length; k++) z += w[f.index[k]] * f.value[k];
  return z;
}

/** `dot` over a loaded head: each weight read as the float32 `headWeight` gives. */
function headDot(head: ConcernHead, f: { index: Int32Array; value: Float32Array }, length: number): number {
  const { q, scale } = head;
  let z = head.b;
  for (let k = 0; k < length; k++) z += Math.fround(q[f.index[k]] * scale) * f.value[k];
  return z;
}

// ---------------------------------------------------------------------------------------------
// The artefact

/** Stores a dense head as its non-zero int8 weights, for the committed artefact. */
export function packHead(w: Float32Array, bias: number): SparseHeadJson {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 127 : 1;
  const gaps: number[] = [];
  const values: number[] = [];
  let last = -1;
  for (let i = 0; i < w.length; i++) {
    const q = Math.round(w[i] / scale);
    if (q === 0) continue;
    let gap = i - last;
    last = i;
    do {
      const byte = gap & 0x7f;
      gap >>>= 7;
      gaps.push(gap > 0 ? byte | 0x80 : byte);
    } while (gap > 0);
    values.push(q & 0xff);
  }
  return {
    bias: Number(bias.toPrecision(9)),
    scale: Number(scale.toPrecision(9)),
    index: Buffer.from(Uint8Array.from(gaps)).toString('base64'),
    value: Buffer.from(Uint8Array.from(values)).toString('base64'),
  };
}

export function unpackHead(head: SparseHeadJson, dim: number): ConcernHead {
  const gaps = Buffer.from(head.index, 'base64');
  const values = new Int8Array(Buffer.from(head.value, 'base64'));
  const q = new Int8Array(dim);
  let at = -1;
  let g = 0;
  for (let v = 0; v < values.length; v++) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const byte = gaps[g++];
      gap |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
    }
    at += gap;
    if (at >= dim) throw new Error('concern model: a weight index is out of range');
    q[at] = values[v];
  }
  return { q, scale: head.scale, b: head.bias };
}

export function loadConcernModel(json: ConcernModelJson | string): ConcernModel {
  const data: ConcernModelJson = typeof json === 'string' ? JSON.parse(json) : json;
  if (data.kind !== 'fft-concern-model' || data.version !== 1) throw new Error('not an FFT concern model (kind/version)');
  if (data.reason.length !== data.reasons.length) throw new Error('concern model: one reason head per reason');
  const dim = 1 << data.spec.bits;
  return {
    spec: data.spec,
    threshold: data.threshold,
    reasons: data.reasons,
    concern: unpackHead(data.concern, dim),
    reason: data.reason.map((h) => unpackHead(h, dim)),
    features: new ConcernFeatures(data.spec),
  };
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** The model's probability that the text its features last ran on needs action today. */
function probabilityOfFeatures(model: ConcernModel): number {
  const f = model.features;
  return 1 / (1 + Math.exp(-headDot(model.concern, f, f.length)));
}

/** The likeliest kind of concern for the text its features last ran on. */
function reasonOfFeatures(model: ConcernModel): ConcernReason {
  const f = model.features;
  let best = 0;
  let bestScore = -Infinity;
  model.reason.forEach((head, i) => {
    const s = headDot(head, f, f.length);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  return model.reasons[best];
}

/** The model's probability that `text` needs action today. */
export function concernProbability(model: ConcernModel, text: string): number {
  model.features.run(text);
  return probabilityOfFeatures(model);
}

export type ModelConcern = { concern: true; reason: ConcernReason; evidence: string; p: number } | { concern: false; p: number };

const MAX_EVIDENCE = 200;
const MIN_WORDS = 3;

/**
 * Whether the model flags `text`; if it does, why, and the sentence it finds most concerning
 * (the whole comment when no single sentence reaches the threshold on its own).
 */
export function modelConcern(model: ConcernModel, text: string): ModelConcern {
  const p = concernProbability(model, text);
  // One or two words ("Dinner") give the model too little to go on: its probability swings on a
  // single bucket, and on the real comments such flags were all false alarms.
  if (p < model.threshold || model.features.words < MIN_WORDS) return { concern: false, p };
  const reason = reasonOfFeatures(model);
  let evidence = text.trim();
  let best = -1;
  const sentences = text.match(/[^.!?\n]+[.!?]*/g) ?? [];
  if (sentences.length > 1) {
    for (const sentence of sentences) {
      const q = concernProbability(model, sentence);
      if (q >= model.threshold && q > best) {
        best = q;
        evidence = sentence.trim();
      }
    }
  }
  if (evidence.length > MAX_EVIDENCE) evidence = evidence.slice(0, MAX_EVIDENCE - 1) + '…';
  return { concern: true, reason, evidence, p };
}

/**
 * The flag the service raises: the rules' when they fire (their evidence is the sentence they
 * matched), otherwise the model's, otherwise none. Without a model, the rules alone.
 */
export function flagConcern(text: string, model: ConcernModel | null): Concern & { by?: 'rules' | 'model' } {
  const rules = detectConcern(text);
  if (rules.concern) return { ...rules, by: 'rules' };
  if (!model) return rules;
  const learned = modelConcern(model, text);
  return learned.concern ? { concern: true, reason: learned.reason, evidence: learned.evidence, by: 'model' } : { concern: false };
}

/** Concerns caught and false alarms on a labelled batch: by the rules, by the model, and by both as flagConcern combines them. */
export function concernFigures(cases: readonly ConcernCase[], model: ConcernModel) {
  const tally = () => ({ caught: 0, falseAlarms: 0 });
  const rules = tally();
  const learned = tally();
  const withModel = tally();
  let concerns = 0;
  for (const c of cases) {
    const byRules = detectConcern(c.comment).concern;
    const byModel = modelConcern(model, c.comment).concern;
    if (c.expected) concerns++;
    for (const [t, flagged] of [[rules, byRules], [learned, byModel], [withModel, byRules || byModel]] as const) {
      if (!flagged) continue;
      if (c.expected) t.caught++;
      else t.falseAlarms++;
    }
  }
  return { concerns, nonConcerns: cases.length - concerns, rules, model: learned, withModel };
}

// ---------------------------------------------------------------------------------------------
// Training

export interface ConcernTrainOptions {
  spec: ConcernFeatureSpec;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weight of each unlabelled real comment used as a negative (labelled cases weigh 1). */
  realWeight: number;
  threshold: number;
}

/**
 * Chosen by leave-one-batch-out over the ten blind batches (then scored once on the eleventh):
 * the best recall with at most 4 false alarms in 405 tricky non-concerns and at most a handful
 * of extra flags on the 6,204 real comments.
 */
export const DEFAULT_CONCERN_TRAIN_OPTIONS: ConcernTrainOptions = {
  spec: { bits: 18, charMin: 3, charMax: 5 },
  epochs: 20,
  learningRate: 0.5,
  l2: 3e-4,
  seed: 12345,
  realWeight: 0.1,
  threshold: 0.5,
};

export interface ConcernTrainingCase {
  comment: string;
  expected: ConcernReason | null;
}

type Example = { index: Int32Array; value: Float32Array };

/** One logistic head by Adagrad; per-example weights; L2 on the weights an example touches. */
function fitBinary(xs: Example[], ys: Uint8Array, weights: Float32Array, dim: number, o: ConcernTrainOptions, seed: number) {
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-8);
  let b = 0;
  let gb2 = 1e-8;
  const order = Int32Array.from(xs.keys());
  const random = seededRandom(seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const x = xs[i];
      const p = 1 / (1 + Math.exp(-dot(w, b, x)));
      const g = (p - ys[i]) * weights[i];
      for (let k = 0; k < x.index.length; k++) {
        const j = x.index[k];
        const gj = g * x.value[k] + o.l2 * w[j];
        g2[j] += gj * gj;
        w[j] -= (o.learningRate * gj) / Math.sqrt(g2[j]);
      }
      gb2 += g * g;
      b -= (o.learningRate * g) / Math.sqrt(gb2);
    }
  }
  return { w, b };
}

/** The reason heads: a softmax over the kinds of concern, trained on the concerns only. */
function fitSoftmax(xs: Example[], ys: Int32Array, classes: number, dim: number, o: ConcernTrainOptions, seed: number) {
  const W = new Float32Array(classes * dim);
  const G = new Float32Array(classes * dim).fill(1e-8);
  const B = new Float32Array(classes);
  const GB = new Float32Array(classes).fill(1e-8);
  const order = Int32Array.from(xs.keys());
  const random = seededRandom(seed);
  const z = new Float64Array(classes);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const x = xs[i];
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = B[c];
        const offset = c * dim;
        for (let k = 0; k < x.index.length; k++) s += W[offset + x.index[k]] * x.value[k];
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      for (let c = 0; c < classes; c++) {
        const g = z[c] / sum - (ys[i] === c ? 1 : 0);
        const offset = c * dim;
        for (let k = 0; k < x.index.length; k++) {
          const j = offset + x.index[k];
          const gj = g * x.value[k] + o.l2 * W[j];
          G[j] += gj * gj;
          W[j] -= (o.learningRate * gj) / Math.sqrt(G[j]);
        }
        GB[c] += g * g;
        B[c] -= (o.learningRate * g) / Math.sqrt(GB[c]);
      }
    }
  }
  return Array.from({ length: classes }, (_, c) => ({ w: W.slice(c * dim, (c + 1) * dim), b: B[c] }));
}

/**
 * Trains the concern model on labelled cases and on unlabelled real comments as light negatives
 * (leave out the ones the rules flag: some of them are real concerns). Same inputs and options
 * give the same artefact.
 */
export function trainConcernModel(
  cases: readonly ConcernTrainingCase[],
  realNegatives: readonly string[],
  overrides: Partial<ConcernTrainOptions> = {},
  notes = '',
): ConcernModelJson {
  const o = { ...DEFAULT_CONCERN_TRAIN_OPTIONS, ...overrides };
  const dim = 1 << o.spec.bits;
  const features = new ConcernFeatures(o.spec);
  const caseX = cases.map((c) => features.run(c.comment).snapshot());
  const realX = o.realWeight > 0 ? realNegatives.map((t) => features.run(t).snapshot()) : [];
  const xs = [...caseX, ...realX];
  const ys = new Uint8Array(xs.length);
  const weights = new Float32Array(xs.length).fill(o.realWeight);
  cases.forEach((c, i) => {
    ys[i] = c.expected ? 1 : 0;
    weights[i] = 1;
  });
  const concern = fitBinary(xs, ys, weights, dim, o, o.seed);
  const positives = cases.flatMap((c, i) => (c.expected ? [i] : []));
  const reasons = [...CONCERN_REASONS];
  const heads = fitSoftmax(
    positives.map((i) => caseX[i]),
    Int32Array.from(positives, (i) => reasons.indexOf(cases[i].expected as ConcernReason)),
    reasons.length,
    dim,
    o,
    o.seed ^ 0x9e37,
  );
  return {
    kind: 'fft-concern-model',
    version: 1,
    spec: o.spec,
    threshold: o.threshold,
    reasons,
    concern: packHead(concern.w, concern.b),
    reason: heads.map((h) => packHead(h.w, h.b)),
    notes,
  };
}
