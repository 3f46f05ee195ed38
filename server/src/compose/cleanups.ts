/**
 * The shutdown stack every composition root builds as it goes: each part registers how it stops,
 * and `run()` stops them in reverse order (the last started stops first).
 */
import type { Logger } from '../log'

/** Shutdown steps, run in reverse order of registration; a failing step is logged, the rest still run. */
export class Cleanups {
  private readonly steps: (() => Promise<void> | void)[] = []

  constructor(private readonly log: Logger) {}

  push(step: () => Promise<void> | void): void {
    this.steps.push(step)
  }

  async run(): Promise<void> {
    for (const c of this.steps.splice(0).reverse()) {
      try {
        await c()
      } catch (e) {
        this.log.warn(`shutdown: ${(e as Error).message}`)
      }
    }
  }
}
