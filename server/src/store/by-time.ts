/**
 * Parallel lists of one series' buckets (bucket starts `t`, distinct, a whole number of `width`
 * apart, and values) put in time order. DuckDB's `list()` without ORDER BY does not keep the order
 * (sorting inside the aggregate was more than half of a bulk query, issue 16): one pass when the
 * lists are in order already, else each bucket is placed at its slot, `(t - min) / width`, in a
 * dense array (linear), or sorted when the buckets are too sparse for that.
 */
export function byTime(t: number[], width: number, ...rest: number[][]): number[][] {
  const n = t.length
  let sorted = true
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const x = t[i]!
    if (i > 0 && t[i - 1]! > x) sorted = false
    if (x < min) min = x
    if (x > max) max = x
  }
  if (sorted) return [t, ...rest]
  const slots = (max - min) / width + 1
  let order: number[]
  if (Number.isInteger(slots) && slots <= 4 * n) {
    const at = new Int32Array(slots).fill(-1)
    let dense = true
    for (let i = 0; i < n && dense; i++) {
      const k = (t[i]! - min) / width
      if (!Number.isInteger(k) || at[k] !== -1) dense = false
      else at[k] = i
    }
    if (dense) {
      order = []
      for (const i of at) if (i >= 0) order.push(i)
      return [order.map((i) => t[i]!), ...rest.map((xs) => order.map((i) => xs[i]!))]
    }
  }
  order = Array.from(t.keys()).sort((a, b) => t[a]! - t[b]!)
  return [order.map((i) => t[i]!), ...rest.map((xs) => order.map((i) => xs[i]!))]
}
