/**
 * National standards as pure, table-driven functions: GB 3095-2012 averaging and limits, HJ 633-2012 AQI,
 * GB 3838-2002 surface water, GB 18918-2002 wastewater plants, GB/T 2589-2020 energy conversion.
 * Wiring only; each file documents its standard.
 */
export * from './time'
export * from './columns'
export * from './hourly-means'
export * from './daily-means'
export * from './ozone'
export * from './annual'
export * from './aqi-table'
export * from './iaqi'
export * from './aqi'
export * from './air-limits'
export * from './good-days'
export * from './surface-water'
export * from './wastewater'
export * from './flow-volume'
export * from './counter-deltas'
export * from './energy-conversion'
export * from './quota-proration'
export { denoise } from './denoise'
