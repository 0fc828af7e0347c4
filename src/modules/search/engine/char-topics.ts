/**
 * Latent "topics" of Han characters for {@link SearchIndex.similar}: latent semantic analysis
 * (LSA) of the records' character profiles. Characters that occur in the same records (药, 剂,
 * 疗, 患…) get nearby coordinates, so two records of one field come out close even when they
 * share few characters or words. Fitted on a sample of records by a randomized truncated SVD
 * (Halko, Martinsson & Tropp 2011: a Gaussian sketch, two power iterations, then the exact SVD of
 * the small projected matrix): a fraction of a second for a few thousand records, and the
 * character vocabulary is small (a few thousand of the 2^15 keys), so the basis takes about
 * 3 MB. A record is placed by folding in: its unit character vector times the basis.
 *
 * On csl-dev `sim` (bench/search-engine-tune.ts), adding the cosine of these coordinates to
 * similar()'s score at weight 0.25 raised P@10 by 0.005–0.010 across seeds, sample sizes and
 * 32–128 dimensions; LSA over words and bigrams as well gained less and costs far more.
 */

/** Columns drawn beyond the wanted dimensions (the sketch's oversampling). */
const OVERSAMPLING = 10;
/** Power iterations of the range finder: sharpen the spectrum of a flat-decaying matrix. */
const POWER_ITERATIONS = 2;

/** A fitted basis: character key → coordinates. */
export class CharTopics {
  /** Coordinates per character (dims of them). */
  readonly dims: number;
  private readonly rowOf: Int32Array;
  /** Character key of each basis row. */
  private readonly keys: Int32Array;
  private readonly basis: Float64Array;

  private constructor(dims: number, rowOf: Int32Array, keys: Int32Array, basis: Float64Array) {
    this.dims = dims;
    this.rowOf = rowOf;
    this.keys = keys;
    this.basis = basis;
  }

  /**
   * Fits `dims` topics to `profiles` (character key → weight, keys below `keySpace`). Null when
   * the sample is too small to say anything (fewer than 2 records or characters).
   */
  static fit(profiles: readonly Map<number, number>[], dims: number, keySpace: number, seed = 1): CharTopics | null {
    // Compact columns: only the characters that occur.
    const rowOf = new Int32Array(keySpace).fill(-1);
    const keyList: number[] = [];
    let nonZeros = 0;
    for (const p of profiles) {
      for (const key of p.keys()) {
        if (rowOf[key] !== -1) continue;
        rowOf[key] = keyList.length;
        keyList.push(key);
      }
      nonZeros += p.size;
    }
    const columns = keyList.length;
    const rows = profiles.length;
    const width = Math.min(dims + OVERSAMPLING, rows, columns);
    if (width < 2) return null;
    // CSR of the sample.
    const start = new Int32Array(rows + 1);
    const col = new Int32Array(nonZeros);
    const val = new Float64Array(nonZeros);
    let at = 0;
    profiles.forEach((p, r) => {
      for (const [key, w] of p) {
        col[at] = rowOf[key] ?? 0;
        val[at++] = w;
      }
      start[r + 1] = at;
    });
    // X · M (rows × width) and Xᵀ · M (columns × width), all matrices row-major.
    const times = (m: Float64Array): Float64Array => {
      const out = new Float64Array(rows * width);
      for (let r = 0; r < rows; r++) {
        const to = r * width;
        const end = start[r + 1] ?? 0;
        for (let i = start[r] ?? 0; i < end; i++) axpy(out, to, val[i] ?? 0, m, (col[i] ?? 0) * width, width);
      }
      return out;
    };
    const transposeTimes = (m: Float64Array): Float64Array => {
      const out = new Float64Array(columns * width);
      for (let r = 0; r < rows; r++) {
        const from = r * width;
        const end = start[r + 1] ?? 0;
        for (let i = start[r] ?? 0; i < end; i++) axpy(out, (col[i] ?? 0) * width, val[i] ?? 0, m, from, width);
      }
      return out;
    };
    const random = gaussian(seed);
    const omega = new Float64Array(columns * width);
    for (let i = 0; i < omega.length; i++) omega[i] = random();
    let range = orthonormalize(times(omega), rows, width);
    for (let i = 0; i < POWER_ITERATIONS; i++) range = orthonormalize(times(orthonormalize(transposeTimes(range), columns, width)), rows, width);
    // Bᵀ = Xᵀ Q (columns × width); B Bᵀ = (Bᵀ)ᵀ Bᵀ is small: its eigenvectors give B's SVD.
    const bt = transposeTimes(range);
    const gram = new Float64Array(width * width);
    for (let c = 0; c < columns; c++) {
      for (let a = 0; a < width; a++) {
        const x = bt[c * width + a] ?? 0;
        if (x === 0) continue;
        for (let b = 0; b < width; b++) gram[a * width + b] = (gram[a * width + b] ?? 0) + x * (bt[c * width + b] ?? 0);
      }
    }
    const { values, vectors } = symmetricEigen(gram, width);
    const order = [...values.keys()].sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0));
    const top = values[order[0] ?? 0] ?? 0;
    const kept = order.filter((i) => (values[i] ?? 0) > 1e-9 * top).slice(0, dims);
    if (kept.length === 0) return null;
    // Right singular vectors: V = Bᵀ U Σ⁻¹.
    const k = kept.length;
    const basis = new Float64Array(columns * k);
    for (let c = 0; c < columns; c++) {
      for (let j = 0; j < k; j++) {
        const e = kept[j] ?? 0;
        let x = 0;
        for (let a = 0; a < width; a++) x += (bt[c * width + a] ?? 0) * (vectors[a * width + e] ?? 0);
        basis[c * k + j] = x / Math.sqrt(values[e] ?? 1);
      }
    }
    return new CharTopics(k, rowOf, Int32Array.from(keyList), basis);
  }

  /**
   * out[key] = coordinates of the character · `query`, for every character of the basis (other
   * cells are left alone: keep them 0): one record's dot product with `query` is then a sum
   * over its characters, without its coordinates.
   */
  project(query: Float64Array, out: Float64Array): void {
    const k = this.dims;
    for (let row = 0; row < this.keys.length; row++) {
      let dot = 0;
      const from = row * k;
      for (let j = 0; j < k; j++) dot += (this.basis[from + j] ?? 0) * (query[j] ?? 0);
      out[this.keys[row] ?? 0] = dot;
    }
  }

  get byteSize(): number {
    return this.rowOf.byteLength + this.keys.byteLength + this.basis.byteLength;
  }

  /** target += weight · coordinates of one character (nothing for a character never seen). */
  addTo(target: Float64Array, key: number, weight: number): void {
    const row = this.rowOf[key] ?? -1;
    if (row < 0) return;
    axpy(target, 0, weight, this.basis, row * this.dims, this.dims);
  }

  /** Coordinates of a character vector, scaled to unit length (all zero when nothing is known). */
  embed(chars: Map<number, number>): Float64Array {
    const out = new Float64Array(this.dims);
    for (const [key, w] of chars) this.addTo(out, key, w);
    return unit(out);
  }
}

/** y[to …] += a · x[from …], over `n` cells. */
function axpy(y: Float64Array, to: number, a: number, x: Float64Array, from: number, n: number): void {
  for (let j = 0; j < n; j++) y[to + j] = (y[to + j] ?? 0) + a * (x[from + j] ?? 0);
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function unit(v: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] ?? 0) ** 2;
  if (sum > 0) {
    const norm = Math.sqrt(sum);
    for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / norm;
  }
  return v;
}

/** Modified Gram–Schmidt on the columns of a row-major rows × width matrix, in place. */
function orthonormalize(m: Float64Array, rows: number, width: number): Float64Array {
  for (let j = 0; j < width; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += (m[i * width + j] ?? 0) * (m[i * width + p] ?? 0);
      if (dot === 0) continue;
      for (let i = 0; i < rows; i++) m[i * width + j] = (m[i * width + j] ?? 0) - dot * (m[i * width + p] ?? 0);
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += (m[i * width + j] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    // A column the others already span is dropped (zeroed) rather than blown up.
    const scale = norm > 1e-12 ? 1 / norm : 0;
    for (let i = 0; i < rows; i++) m[i * width + j] = (m[i * width + j] ?? 0) * scale;
  }
  return m;
}

/** Eigenvalues and eigenvectors (columns, row-major) of a small symmetric matrix: cyclic Jacobi. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += (a[i] ?? 0) ** 2;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += (a[i * n + j] ?? 0) ** 2;
    if (off <= 1e-22 * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] ?? 0;
        if (apq === 0) continue;
        const theta = ((a[q * n + q] ?? 0) - (a[p * n + p] ?? 0)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] ?? 0;
          const akq = a[k * n + q] ?? 0;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] ?? 0;
          const aqk = a[q * n + k] ?? 0;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] ?? 0;
          const vkq = v[k * n + q] ?? 0;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] ?? 0;
  return { values, vectors: v };
}

/** Standard normal numbers from a seeded generator (mulberry32 and Box–Muller): fits repeat. */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const u = uniform() || Number.MIN_VALUE;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
