/**
 * What a classifier sees of one FFT comment: words, word pairs, character n-grams inside words
 * (patients misspell, and scanned paper forms turn "i" into "I" mid-word), plus the FFT answer
 * and which free-text question was asked. Every feature is hashed into a fixed space of
 * 2^bits buckets, so the model needs no vocabulary and the artefact stays small; the few
 * sentiment-lexicon features (binned valences, for the sentiment head) have buckets of their own
 * just past those.
 * Pure functions over reusable buffers: inference allocates almost nothing per comment.
 */

export interface CommentInput {
  comment: string;
  /** FFT answer code: 1 very good … 5 very poor, 6 don't know; anything else is unknown. */
  fftAnswer?: number | null;
  /** The free-text question as worded on the form, or one of `QUESTION_KINDS`. */
  question?: string | null;
}

/** The free-text questions seen on FFT forms; "other" for wording we do not recognise. */
export const QUESTION_KINDS = [
  'fft-why',
  'what-was-good',
  'how-could-we-improve',
  'what-could-we-do-better',
  'satisfied-dissatisfied',
  'other',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export function questionKind(question: string | null | undefined): QuestionKind {
  if (!question) return 'other';
  const q = question.toLowerCase().replace(/\s+/g, ' ').trim();
  if ((QUESTION_KINDS as readonly string[]).includes(q)) return q as QuestionKind;
  if (q.includes('what was good')) return 'what-was-good';
  if (q.includes('how could we improve')) return 'how-could-we-improve';
  if (q.includes('do better')) return 'what-could-we-do-better';
  if (q.includes('dissatisfied')) return 'satisfied-dissatisfied';
  if (q.includes('why')) return 'fft-why';
  return 'other';
}

/**
 * 1–6 as given; 0 for anything else. 7 occurs in the NHS source data with no documented
 * meaning, so it is treated as no answer rather than guessed at.
 */
export function fftAnswerCode(answer: number | null | undefined): number {
  return typeof answer === 'number' && Number.isInteger(answer) && answer >= 1 && answer <= 6 ? answer : 0;
}

export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  bits: number;
  charMin: number;
  charMax: number;
  /** Comments of at most this many words also get word × question and word × answer features. */
  shortWords: number;
  /** Also hash each word together with the question asked (the "context" block). */
  questionWords: boolean;
  /** Also hash each word together with the FFT answer band (good / neither / poor / none). */
  answerWords: boolean;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = { bits: 18, charMin: 3, charMax: 4, shortWords: 3, questionWords: true, answerWords: true };

/** TF-IDF blocks, each L2-normalised on its own: word uni/bigrams, character n-grams, word × question. */
export const BLOCKS = ['word', 'char', 'context'] as const;
export const WORD = 0;
export const CHAR = 1;
export const CONTEXT = 2;

/** Sentences (segments) past this many are counted with the last one. */
export const MAX_SEGMENTS = 16;

/** Hashed feature occurrences of one comment; duplicates are kept (they are the counts). */
export interface FeatureScratch {
  /** Per block: bucket of each occurrence. */
  buckets: Int32Array[];
  /** Per block: segment (sentence) of each occurrence. */
  segments: Uint8Array[];
  /** Per block: occurrences in use. */
  counts: Int32Array;
  /** Question / answer / length features: binary, not normalised, shared by every segment. */
  meta: Int32Array;
  nMeta: number;
  words: string[];
  wordSegments: number[];
  /** Words in each segment; `nSegments` in use. */
  segmentWords: Int32Array;
  nSegments: number;
}

export function newScratch(): FeatureScratch {
  return {
    buckets: [new Int32Array(256), new Int32Array(2048), new Int32Array(256)],
    segments: [new Uint8Array(256), new Uint8Array(2048), new Uint8Array(256)],
    counts: new Int32Array(BLOCKS.length),
    meta: new Int32Array(64),
    nMeta: 0,
    words: [],
    wordSegments: [],
    segmentWords: new Int32Array(MAX_SEGMENTS),
    nSegments: 0,
  };
}

const SEED_UNIGRAM = 0x2545f491;
const SEED_BIGRAM = 0x5bd1e995;
const SEED_META = 0x68e31da4;
const SEED_CONTEXT = 0x1b56c4e9;
const SEED_CHAR = 0x811c9dc5 ^ 0x1b873593;
const FNV_PRIME = 16777619;
const FNV_OFFSET = 0x811c9dc5 | 0;
/** Stands for the start and end of a comment in word pairs: "nothing" opening a comment says more than "nothing" inside one. */
const BOUNDARY = 0x3c2f733e;

/** MurmurHash3's finaliser: FNV alone leaves the low bits, which pick the bucket, poorly mixed. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** FNV-1a over a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Bucket of a word's unigram feature, for tests and diagnostics. */
export function unigramBucket(word: string, bits: number): number {
  return (mix32(fnv1a(word) ^ SEED_UNIGRAM) >>> 0) & ((1 << bits) - 1);
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 0x60;
}

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 10 || c === 13;
}

/**
 * Lower-cased words: letters and digits, apostrophes dropped ("don't" → "dont", as patients
 * often write it), "&" kept between letters so "A&E" stays one word. With `segments`, also the
 * sentence of each word: a new one after . ! ? ; or a line break, and at "but", where praise
 * so often turns into complaint.
 */
export function tokenise(comment: string, into: string[] = [], segments?: number[]): string[] {
  into.length = 0;
  if (segments) segments.length = 0;
  const text = comment.toLowerCase();
  let word = '';
  let segment = 0;
  let segmentHasWords = false;
  let ended = false;
  const emit = () => {
    if (segmentHasWords && (ended || word === 'but')) {
      segment++;
      segmentHasWords = false;
    }
    ended = false;
    into.push(word);
    segments?.push(segment);
    segmentHasWords = true;
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) {
      word += text[i];
    } else if (word && (isApostrophe(c) || c === 38) && i + 1 < text.length && isWordCode(text.charCodeAt(i + 1))) {
      if (c === 38) word += '&';
    } else {
      if (word) emit();
      // "3.5%" and "a.m." are not sentence ends.
      if (isSentenceEnd(c) && !(c === 46 && i + 1 < text.length && isWordCode(text.charCodeAt(i + 1)))) ended = true;
    }
  }
  if (word) emit();
  return into;
}

function lengthBand(words: number): number {
  if (words <= 3) return words;
  if (words <= 6) return 4;
  if (words <= 12) return 5;
  if (words <= 25) return 6;
  if (words <= 50) return 7;
  return 8;
}

function add(scratch: FeatureScratch, block: number, bucket: number, segment: number): void {
  const n = scratch.counts[block]++;
  if (n === scratch.buckets[block].length) {
    const buckets = new Int32Array(n * 2);
    buckets.set(scratch.buckets[block]);
    scratch.buckets[block] = buckets;
    const segments = new Uint8Array(n * 2);
    segments.set(scratch.segments[block]);
    scratch.segments[block] = segments;
  }
  scratch.buckets[block][n] = bucket;
  scratch.segments[block][n] = segment;
}

function addMeta(scratch: FeatureScratch, bucket: number): void {
  if (scratch.nMeta === scratch.meta.length) {
    const meta = new Int32Array(scratch.meta.length * 2);
    meta.set(scratch.meta);
    scratch.meta = meta;
  }
  scratch.meta[scratch.nMeta++] = bucket;
}

/**
 * Word → valence (about −4 … +4), e.g. VADER's lexicon of human-rated words. It speaks for words
 * the labelled comments have too rarely to learn from, and carries intensity ("superb" over "good")
 * that the labellers' 1 (very positive) and 2 (positive) turn on.
 */
export type Lexicon = ReadonlyMap<string, number>;

/** Lexicon strengths 0…6 (rounded), of the strongest positive and of the strongest negative word. */
const LEXICON_STRENGTHS = 7;

/**
 * Lexicon features have buckets of their own, 2^bits … 2^bits + this − 1, past the hashed ones:
 * sum (21 bins), strongest positive and negative (7 each), strong words (4), positive × negative
 * counts (20), and the two strengths × question (6) and × answer band (4).
 */
export const LEXICON_BUCKETS = 45 + (10 + 2 * QUESTION_KINDS.length) * LEXICON_STRENGTHS;

/** Words that turn the valence of a lexicon word up to three words later ("not good"). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'didnt', 'doesnt', 'dont', 'hadnt', 'hasnt', 'havent', 'isnt',
  'never', 'not', 'no', 'nor', 'wasnt', 'werent', 'wont', 'wouldnt', 'shouldnt', 'without',
]);

/** Words that strengthen the lexicon word right after them ("very good"). */
export const BOOSTERS: ReadonlySet<string> = new Set([
  'very', 'extremely', 'really', 'so', 'absolutely', 'incredibly', 'totally', 'truly', 'most', 'exceptionally',
  'highly', 'super', 'especially', 'fully', 'completely',
]);

/** What the lexicon makes of a comment's words, before binning. */
export interface LexiconSummary {
  sum: number;
  /** Strongest positive valence, 0 if none. */
  max: number;
  /** Strongest negative valence, 0 if none. */
  min: number;
  /** Words of valence 4 or more after boosting. */
  strong: number;
  positive: number;
  negative: number;
}

/**
 * Sums a comment's lexicon valences: a booster just before a word adds 1 to its strength, and a
 * negator up to three words before it flips it and halves it ("not good" is mildly negative).
 */
export function lexiconSummary(words: readonly string[], lexicon: Lexicon): LexiconSummary {
  const out: LexiconSummary = { sum: 0, max: 0, min: 0, strong: 0, positive: 0, negative: 0 };
  for (let i = 0; i < words.length; i++) {
    let v = lexicon.get(words[i]);
    if (v === undefined) continue;
    if (i > 0 && BOOSTERS.has(words[i - 1])) v = v > 0 ? v + 1 : v - 1;
    for (let j = Math.max(0, i - 3); j < i; j++) {
      if (NEGATORS.has(words[j])) {
        v = -v / 2;
        break;
      }
    }
    out.sum += v;
    if (v > out.max) out.max = v;
    if (v < out.min) out.min = v;
    if (v >= 4) out.strong++;
    if (v > 0) out.positive++;
    else if (v < 0) out.negative++;
  }
  return out;
}

/** Fills `scratch` with the hashed features of one comment; returns it. */
export function hashComment(input: CommentInput, spec: FeatureSpec, scratch: FeatureScratch, lexicon: Lexicon | null = null): FeatureScratch {
  const mask = (1 << spec.bits) - 1;
  const words = tokenise(input.comment ?? '', scratch.words, scratch.wordSegments);
  const wordSegments = scratch.wordSegments;
  scratch.counts.fill(0);
  scratch.nMeta = 0;
  scratch.segmentWords.fill(0);
  scratch.nSegments = 0;
  const question = QUESTION_KINDS.indexOf(questionKind(input.question)) + 1;
  const answerCode = fftAnswerCode(input.fftAnswer);
  const answerBand = answerCode === 0 || answerCode === 6 ? 0 : answerCode <= 2 ? 1 : answerCode === 3 ? 2 : 3;

  let previous = BOUNDARY;
  let segment = 0;
  for (let w = 0; w < words.length; w++) {
    const token = words[w];
    segment = Math.min(wordSegments[w], MAX_SEGMENTS - 1);
    scratch.segmentWords[segment]++;
    scratch.nSegments = segment + 1;
    const h = fnv1a(token);
    add(scratch, WORD, (mix32(h ^ SEED_UNIGRAM) >>> 0) & mask, segment);
    add(scratch, WORD, (mix32((Math.imul(previous, 0x9e3779b1) + h) ^ SEED_BIGRAM) >>> 0) & mask, segment);
    previous = h;
    if (spec.questionWords) add(scratch, CONTEXT, (mix32(h ^ Math.imul(question, 0x27d4eb2f) ^ SEED_CONTEXT) >>> 0) & mask, segment);
    if (spec.answerWords) add(scratch, CONTEXT, (mix32(h ^ Math.imul(answerBand + 11, 0x165667b1) ^ SEED_CONTEXT) >>> 0) & mask, segment);

    // Character n-grams of " token ", as scikit-learn's char_wb analyser makes them.
    const length = token.length + 2;
    for (let start = 0; start + spec.charMin <= length; start++) {
      let g = SEED_CHAR;
      for (let n = 1; n <= spec.charMax && start + n <= length; n++) {
        const at = start + n - 1;
        const c = at === 0 || at === length - 1 ? 32 : token.charCodeAt(at - 1);
        g = Math.imul(g ^ c, FNV_PRIME);
        if (n >= spec.charMin) add(scratch, CHAR, (mix32(g) >>> 0) & mask, segment);
      }
    }
  }
  if (words.length > 0) {
    add(scratch, WORD, (mix32((Math.imul(previous, 0x9e3779b1) + BOUNDARY) ^ SEED_BIGRAM) >>> 0) & mask, segment);
  }

  const answer = fftAnswerCode(input.fftAnswer) + 1;
  const band = lengthBand(words.length) + 1;
  const metaBucket = (a: number, b: number, c: number) =>
    (mix32(Math.imul(a, 0x27d4eb2f) ^ Math.imul(b, 0x165667b1) ^ Math.imul(c, 0x9e3779b1) ^ SEED_META) >>> 0) & mask;
  addMeta(scratch, metaBucket(1, question, 0));
  addMeta(scratch, metaBucket(2, answer, 0));
  addMeta(scratch, metaBucket(3, question, answer));
  addMeta(scratch, metaBucket(4, band, 0));
  addMeta(scratch, metaBucket(5, band, question));
  if (words.length <= spec.shortWords) {
    // "Nothing" means "nothing to improve" under one question and "nothing was good" under another.
    for (let w = 0; w < words.length; w++) {
      const h = fnv1a(words[w]);
      addMeta(scratch, metaBucket(6, question, h));
      addMeta(scratch, metaBucket(7, answer, h));
    }
  }
  if (lexicon) {
    // Binned, so the model learns what each strength means (under each question and answer band)
    // rather than one slope: "good" under "What was good?" is a 2 more often than a 1. Their own
    // buckets past the hashed ones: no collision, and training keeps them to the sentiment head.
    const l = lexiconSummary(words, lexicon);
    const at = 1 << spec.bits;
    const max = Math.max(0, Math.min(LEXICON_STRENGTHS - 1, Math.round(l.max)));
    const min = Math.max(0, Math.min(LEXICON_STRENGTHS - 1, -Math.round(l.min)));
    const q = question - 1;
    const S = LEXICON_STRENGTHS;
    const Q = QUESTION_KINDS.length;
    addMeta(scratch, at + Math.max(-8, Math.min(12, Math.round(l.sum))) + 8);
    addMeta(scratch, at + 21 + max);
    addMeta(scratch, at + 21 + S + min);
    addMeta(scratch, at + 21 + 2 * S + Math.min(l.strong, 3));
    addMeta(scratch, at + 25 + 2 * S + Math.min(l.positive, 4) * 4 + Math.min(l.negative, 3));
    addMeta(scratch, at + 45 + 2 * S + max * Q + q);
    addMeta(scratch, at + 45 + (2 + Q) * S + min * Q + q);
    addMeta(scratch, at + 45 + (2 + 2 * Q) * S + max * 4 + answerBand);
    addMeta(scratch, at + 45 + (6 + 2 * Q) * S + min * 4 + answerBand);
  }
  return scratch;
}

/** How the blocks are weighted into one vector; stored with the model. */
export interface Weighting {
  /** Scale of the L2-normalised word (unigram + bigram) block. */
  word: number;
  /** Scale of the L2-normalised character n-gram block. */
  char: number;
  /** Scale of the L2-normalised word × question block. */
  context: number;
  /** Value of each question / answer / length feature. */
  meta: number;
}

export function blockScales(weighting: Weighting): number[] {
  return [weighting.word, weighting.char, weighting.context];
}

/** A sparse vector over a model's rows; `n` entries are in use. */
export interface SparseVector {
  rows: Int32Array;
  values: Float32Array;
  n: number;
}

export function newSparseVector(capacity = 1024): SparseVector {
  return { rows: new Int32Array(capacity), values: new Float32Array(capacity), n: 0 };
}

function ensure(out: SparseVector, size: number): void {
  if (out.rows.length >= size) return;
  const rows = new Int32Array(Math.max(out.rows.length * 2, size));
  rows.set(out.rows);
  const values = new Float32Array(rows.length);
  values.set(out.values);
  out.rows = rows;
  out.values = values;
}

/**
 * The whole comment as the weighted vector a linear model is trained on: per block, buckets
 * mapped to rows (buckets the model lacks dropped), TF × IDF, L2-normalised, scaled; then the
 * binary meta features. `rowOf` maps bucket → row (-1: none), `idf` is per row.
 */
export function weighFeatures(
  scratch: FeatureScratch, rowOf: Int32Array, idf: Float32Array, weighting: Weighting, out: SparseVector,
): SparseVector {
  out.n = 0;
  const scales = blockScales(weighting);
  for (let block = 0; block < BLOCKS.length; block++) {
    const count = scratch.counts[block];
    const rows = Int32Array.from(scratch.buckets[block].subarray(0, count), (b) => rowOf[b]).filter((r) => r >= 0).sort();
    ensure(out, out.n + rows.length);
    const from = out.n;
    let sumSquares = 0;
    for (let i = 0; i < rows.length; ) {
      let j = i + 1;
      while (j < rows.length && rows[j] === rows[i]) j++;
      const value = (j - i) * idf[rows[i]];
      out.rows[out.n] = rows[i];
      out.values[out.n++] = value;
      sumSquares += value * value;
      i = j;
    }
    const factor = sumSquares > 0 ? scales[block] / Math.sqrt(sumSquares) : 0;
    for (let i = from; i < out.n; i++) out.values[i] *= factor;
  }
  const meta = [...new Set(Array.from(scratch.meta.subarray(0, scratch.nMeta), (b) => rowOf[b]).filter((r) => r >= 0))].sort((a, b) => a - b);
  ensure(out, out.n + meta.length);
  for (const row of meta) {
    out.rows[out.n] = row;
    out.values[out.n++] = weighting.meta;
  }
  return out;
}
