/**
 * Percentiles as HJ 663-2013 (环境空气质量评价技术规范（试行）) evaluates a period: the CO 24-h mean's
 * 95th percentile and the O3 daily maximum 8-h mean's 90th percentile of a month or a year.
 *
 * HJ 663-2013 §5.3 / Appendix A (百分位数计算方法), (check: no copy of the standard's text was
 * found with the project's search tool; the method below is the one the standard prints and the
 * national bulletins follow): sort the n valid values ascending, X(1) ≤ … ≤ X(n);
 *
 *   k = 1 + (n − 1) × p        (p = 0.95 for CO, 0.90 for O3)
 *   s = integer part of k
 *   m_p = X(s) + (X(s + 1) − X(s)) × (k − s)
 *
 * i.e. linear interpolation between the closest ranks (the "R-7" / Excel PERCENTILE.INC rule).
 */

/**
 * The p-th percentile (0 ≤ p ≤ 1) of the finite values, HJ 663-2013's rank formula; NaN when none.
 * Non-finite values (missing days) are skipped.
 * @example hjPercentile([1, 2, 3, 4, 5], 0.95) // 4.8 (k = 4.8: X(4) + 0.8 × (X(5) − X(4)))
 */
export function hjPercentile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`invalid percentile: ${p}`)
  const x: number[] = []
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) x.push(values[i]!)
  const n = x.length
  if (n === 0) return NaN
  x.sort((a, b) => a - b)
  const k = 1 + (n - 1) * p
  const s = Math.floor(k)
  if (s >= n) return x[n - 1]!
  return x[s - 1]! + (x[s]! - x[s - 1]!) * (k - s)
}
