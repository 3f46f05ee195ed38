/**
 * Pick the metrics to chart (one chart each, up to four): the catalog metrics of the picked
 * stations' kinds, with units.
 */
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import type { StationKind } from '../../../shared/src/domain/station'
import { useI18n } from '../i18n/use-i18n'

/** Props of {@link MetricPicker}. */
export interface MetricPickerProps {
  kinds: readonly StationKind[]
  selected: readonly string[]
  onChange: (metrics: string[]) => void
}

/** Most metrics (charts) at once. */
export const MAX_METRICS = 4

/** The metrics offered for a set of kinds: catalog order, each key once. */
export function metricsFor(kinds: readonly StationKind[]): { key: string; kind: StationKind }[] {
  const out: { key: string; kind: StationKind }[] = []
  for (const k of kinds) for (const m of METRICS[k]) if (!out.some((x) => x.key === m.key)) out.push({ key: m.key, kind: k })
  return out
}

/** The picker. */
export function MetricPicker({ kinds, selected, onChange }: MetricPickerProps) {
  const { t, lang } = useI18n()
  const offered = metricsFor(kinds)
  const toggle = (k: string) =>
    onChange(selected.includes(k) ? selected.filter((x) => x !== k) : selected.length < MAX_METRICS ? [...selected, k] : [...selected])
  return (
    <section className="picker metric-picker" aria-labelledby="pick-m-h">
      <h2 id="pick-m-h" className="side-h">
        <span>{t('trends.metrics')}</span>
        <span className="side-count">{t('trends.picked', { n: selected.length, max: MAX_METRICS })}</span>
      </h2>
      {offered.length === 0 && <p className="muted small">{t('trends.pickStationsFirst')}</p>}
      <ul className="picker-list metric-list">
        {offered.map(({ key, kind }) => {
          const m = METRICS[kind].find((x) => x.key === key)!
          return (
            <li key={key}>
              <label className="picker-item">
                <input
                  type="checkbox"
                  checked={selected.includes(key)}
                  disabled={!selected.includes(key) && selected.length >= MAX_METRICS}
                  onChange={() => toggle(key)}
                  data-metric={key}
                />
                <span>{m[lang]}</span>
                {m.unit && <span className="search-town">{m.unit}</span>}
              </label>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
