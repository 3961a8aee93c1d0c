/** How {@link interpolate} moves between two vectors. */
export type InterpolationMode = 'linear' | 'slerp';

/** Angles (radians) below which slerp is computed as linear interpolation, its limit for parallel vectors. */
const PARALLEL = 1e-6;

/**
 * The point at fraction `t` between `a` and `b`: linear (1 − t)·a + t·b, or spherical
 * sin((1 − t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b with Ω the angle between them (Shoemake 1985; White 2016 for GAN latents),
 * which keeps the norm of equal-norm endpoints. Throws for opposite vectors, where the great circle is undefined.
 */
export function interpolate(a: ArrayLike<number>, b: ArrayLike<number>, t: number, mode: InterpolationMode): Float32Array {
  if (a.length !== b.length)
    throw new Error(`interpolate: vectors of different lengths ${a.length} and ${b.length}; pass two z of the same size`);
  if (!Number.isFinite(t)) throw new Error(`interpolate: t must be a finite number, got ${t}`);
  if (mode !== 'linear' && mode !== 'slerp') throw new Error(`interpolate: mode must be 'linear' or 'slerp', got '${String(mode)}'`);
  let wa = 1 - t;
  let wb = t;
  if (mode === 'slerp') {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    if (na === 0 || nb === 0)
      throw new Error("interpolate: slerp needs two non-zero vectors (the angle to a zero vector is undefined); use mode 'linear'");
    const omega = Math.acos(Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))));
    if (Math.PI - omega < PARALLEL) {
      throw new Error(
        `interpolate: slerp between opposite vectors (angle ${omega.toFixed(6)} rad) has no unique great circle; use mode 'linear' or perturb one end`,
      );
    }
    if (omega > PARALLEL) {
      wa = Math.sin((1 - t) * omega) / Math.sin(omega);
      wb = Math.sin(t * omega) / Math.sin(omega);
    }
  }
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i] + wb * b[i];
  return out;
}
