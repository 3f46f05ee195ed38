/**
 * Bound the nesting of parsed JSON (issue 15). V8's JSON.parse is iterative and accepts any depth,
 * but code that later walks a value recursively (validators, JSON.stringify, structured clone)
 * overflows the stack on a few kilobytes of `[[[[…`. Inputs from the network are checked once,
 * right after parsing, with this loop that uses an explicit stack and stops at the limit.
 */

/**
 * The deepest nesting accepted in a request body or an MQTT JSON payload. A contract reading is
 * 3 deep (batch → reading → values); admin bodies (rules, recipients) stay under 8.
 */
export const MAX_JSON_DEPTH = 32

/**
 * Whether `value` nests arrays or objects more than `max` levels deep (`{}` and `[]` are 1, a
 * scalar 0). Never recurses; stops at the first container past the limit.
 *
 * @example
 * jsonDepthExceeds(JSON.parse('[[[1]]]'), 2) // true
 */
export function jsonDepthExceeds(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false
  const values: unknown[] = [value]
  const depths: number[] = [1]
  while (values.length > 0) {
    const v = values.pop() as object
    const d = depths.pop()!
    if (d > max) return true
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i]
        if (typeof x === 'object' && x !== null) {
          values.push(x)
          depths.push(d + 1)
        }
      }
    } else {
      for (const k in v) {
        const x: unknown = (v as Record<string, unknown>)[k]
        if (typeof x === 'object' && x !== null) {
          values.push(x)
          depths.push(d + 1)
        }
      }
    }
  }
  return false
}
