/**
 * A figure: one measured number with its unit, the goal (if any) and whether it meets it.
 * A missed goal is reported, never a failure of the run: the benchmark measures.
 */

export interface Goal {
  op: '>=' | '<=' | '<'
  value: number
  /** As written in the issue. */
  text: string
}

export interface Figure {
  scenario: string
  name: string
  value: number | undefined
  unit: string
  goal?: Goal
  /** undefined when there is no goal or no value. */
  pass?: boolean
  note?: string
  /** The configuration this figure was measured with. */
  config?: Record<string, unknown>
}

export function figure(
  scenario: string,
  name: string,
  value: number | undefined,
  unit: string,
  goal?: Goal,
  extra: Pick<Figure, 'note' | 'config'> = {},
): Figure {
  let pass: boolean | undefined
  if (goal && value !== undefined && Number.isFinite(value)) {
    pass = goal.op === '>=' ? value >= goal.value : goal.op === '<=' ? value <= goal.value : value < goal.value
  }
  return { scenario, name, value, unit, goal, pass, ...extra }
}

/** A scenario's outcome: its figures, raw details for results.json, or why it was skipped. */
export interface ScenarioResult {
  figures: Figure[]
  config: Record<string, unknown>
  details: Record<string, unknown>
  skipped?: string
  notes?: string[]
}
