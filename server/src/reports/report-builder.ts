/**
 * Builds a report's document: the sections of its kind over its period, from the store's
 * aggregates (station-days, station-days.ts), and the inputs' version, a sha256 over every
 * aggregate read, the stations' settings and the builder's version, so the same inputs give the
 * same version and a changed input (a late reading, a reviewer's mark) a new one.
 */
import { createHash } from 'node:crypto'
import type { Station } from '../../../shared/src/domain/station'
import type { Store } from '../../../shared/src/ports/store'
import type { Bilingual, ReportDoc, ReportKind, Section } from '../../../shared/src/protocol/http/reports'
import type { ReportPeriod } from '../../../shared/src/reports/report-period'
import type { TargetsService } from '../targets/targets-service'
import type { BuildContext } from './report-parts'
import { airPeriodSection } from './section-air-period'
import { dailyAirSection } from './section-daily-air'
import { energySection } from './section-energy'
import { targetsPeriod, targetsSection } from './section-targets'
import { wastewaterSection } from './section-wastewater'
import { waterSection } from './section-water'
import { StationDays } from './station-days'

/** Bumped when a computation changes, so every report is reissued with the new method. */
export const BUILDER_VERSION = 1

/** What the builder reads. */
export interface BuilderDeps {
  store: Pick<Store, 'series' | 'seriesMany'>
  stations: () => readonly Station[]
  targets?: Pick<TargetsService, 'forPeriod'>
}

/** A built report, before it is stored (the store gives it its id and version). */
export type BuiltReport = Omit<ReportDoc, 'id' | 'version' | 'generatedAt'> & { queries: number }

/** The title of a report. */
export function reportTitle(kind: ReportKind, period: string): Bilingual {
  switch (kind) {
    case 'daily-air':
      return { zh: `东莞市环境空气质量日报（${period}）`, en: `Dongguan daily air quality report (${period})` }
    case 'monthly':
      return { zh: `东莞市环境质量月报（${period}）`, en: `Dongguan monthly environmental quality report (${period})` }
    case 'annual':
      return { zh: `东莞市环境质量年报（${period}）`, en: `Dongguan annual environmental quality report (${period})` }
    case 'targets':
      return { zh: `东莞市环境目标完成情况报告（${period}）`, en: `Dongguan environmental targets report (${period})` }
  }
}

/** Station settings that change a report's numbers (class, quota, factors …), hashed with the data. */
function stationSettings(stations: readonly Station[]): unknown[] {
  return [...stations]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => [
      s.id,
      s.kind,
      s.town,
      s.nameZh,
      s.nameEn,
      s.standardClass,
      s.waterBody,
      s.waterClassMethod,
      s.builtDate,
      s.quotaTce,
      s.energyBasis,
      s.energyFactors,
    ])
}

/**
 * Build a report of `kind` over `period` (a period `periodProblem` accepted).
 * @example const r = await buildReport(deps, 'monthly', parseReportPeriod('2026-02')!)
 */
export async function buildReport(deps: BuilderDeps, kind: ReportKind, period: ReportPeriod): Promise<BuiltReport> {
  const hash = createHash('sha256')
  const stations = deps.stations()
  hash.update(JSON.stringify([BUILDER_VERSION, kind, period.text, stationSettings(stations)]))
  const days = new StationDays(deps.store, hash)
  const ctx: BuildContext = { period, stations, days }
  let sections: Section[]
  switch (kind) {
    case 'daily-air':
      sections = [await dailyAirSection(ctx)]
      break
    case 'monthly':
    case 'annual':
      sections = [await airPeriodSection(ctx), await waterSection(ctx), await wastewaterSection(ctx), await energySection(ctx)]
      break
    case 'targets': {
      if (!deps.targets) throw new Error('the targets report needs the targets service')
      const body = await deps.targets.forPeriod(targetsPeriod(ctx))
      hash.update(JSON.stringify([body.settings, body.targets.map((t) => [t.id, t.value, t.status, t.counted, t.breakdown, t.detail])]))
      sections = [targetsSection(ctx, body)]
      break
    }
  }
  return {
    kind,
    period: period.text,
    inputsVersion: hash.digest('hex'),
    title: reportTitle(kind, period.text),
    dataStatus: sections.every((s) => s.dataStatus === 'reviewed') ? 'reviewed' : 'provisional',
    sections,
    queries: days.queries,
  }
}
