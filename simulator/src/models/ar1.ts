/**
 * AR(1) (Ornstein-Uhlenbeck) noise: autocorrelated, so a series wanders like real measurements
 * rather than jumping every tick. Irregular tick spacing is handled by φ = e^(−dt/τ).
 */
import { gaussian, type Rng } from './prng'

/** Advance the process by `dtSec` seconds and return the new value (mean 0, sd `sigma`). */
export type Ar1 = (dtSec: number) => number

/**
 * Create an AR(1) process with stationary standard deviation `sigma` and correlation time `tauSec`.
 * @example
 * const noise = createAr1(rng, 3 * 3600, 0.2); const pm25 = base * Math.exp(noise(60))
 */
export function createAr1(rng: Rng, tauSec: number, sigma: number): Ar1 {
  let x = sigma * gaussian(rng)
  return (dtSec) => {
    const phi = Math.exp(-Math.max(0, dtSec) / tauSec)
    x = phi * x + Math.sqrt(1 - phi * phi) * sigma * gaussian(rng)
    return x
  }
}
