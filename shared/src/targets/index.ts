/**
 * The city's environmental targets as pure formulas over plain data (daily aggregates, station lists,
 * configuration). Wiring only; each file documents its formula.
 */
export * from './types'
export * from './status'
export * from './period-days'
export * from './drinking-water'
export * from './sewage-treatment'
export * from './reclaimed-water'
export * from './air-good-days'
export * from './online-coverage'
export * from './energy-quota'
export * from './valid-data-rate'
