import type { BenchContext } from '../lib/context'
import type { ScenarioResult } from '../lib/figures'
export async function liveScenario(_ctx: BenchContext): Promise<ScenarioResult> {
  return { figures: [], config: {}, details: {}, skipped: 'not yet' }
}
