/**
 * The trends toolbar: time-range presets and a custom CST range, the aggregation level (automatic by
 * span, or chosen), keyboard zoom and pan of the zoomed window, and the CSV and PNG downloads.
 */
import { useEffect, useState } from 'react'
import type { Every } from '../../../shared/src/protocol/http/series'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { TREND_EVERY, everyAllowed } from './every'
import { LIVE_HISTORY_MS, PRESETS, PRESET_MS, parseCstInput, toCstInput, type Preset } from './presets'

/** Zoom and pan steps of the buttons. */
export type ZoomOp = 'in' | 'out' | 'left' | 'right' | 'reset'

/** Props of {@link RangeBar}. */
export interface RangeBarProps {
  range: [number, number]
  preset: Preset | 'custom'
  onPreset: (p: Preset) => void
  onCustom: (r: [number, number]) => void
  analyst: boolean
  every: Every | 'auto'
  resolved: Every
  onEvery: (e: Every | 'auto') => void
  zoomed: boolean
  onZoom: (op: ZoomOp) => void
  csvHref?: string
  onPng?: () => void
  busy: boolean
}

/** The toolbar. */
export function RangeBar(p: RangeBarProps) {
  const { t } = useI18n()
  const [from, setFrom] = useState(toCstInput(p.range[0]))
  const [to, setTo] = useState(toCstInput(p.range[1]))
  useEffect(() => {
    setFrom(toCstInput(p.range[0]))
    setTo(toCstInput(p.range[1]))
  }, [p.range])
  const f = parseCstInput(from)
  const tt = parseCstInput(to)
  const customOk = f < tt && (p.analyst || tt - f <= LIVE_HISTORY_MS)
  const span = p.range[1] - p.range[0]
  return (
    <div className="range-bar" role="toolbar" aria-label={t('trends.range')}>
      <div className="segmented" role="group" aria-label={t('trends.presets')}>
        {PRESETS.map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={p.preset === k}
            disabled={!p.analyst && PRESET_MS[k] > LIVE_HISTORY_MS}
            onClick={() => p.onPreset(k)}
            data-preset={k}
            title={!p.analyst && PRESET_MS[k] > LIVE_HISTORY_MS ? t('trends.limitedTitle') : undefined}
          >
            {t(`trends.preset.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      <form className="custom-range" onSubmit={(e) => (e.preventDefault(), customOk && p.onCustom([f, tt]))}>
        <label className="field-inline">
          <span>{t('trends.from')}</span>
          <input className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="range-from" />
        </label>
        <label className="field-inline">
          <span>{t('trends.to')}</span>
          <input className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="range-to" />
        </label>
        <span className="muted small">CST</span>
        <button type="submit" className="btn btn-small" disabled={!customOk} aria-pressed={p.preset === 'custom'}>
          {t('trends.apply')}
        </button>
      </form>
      <label className="field-inline">
        <span>{t('trends.every')}</span>
        <select
          className="input"
          value={p.every}
          onChange={(e) => p.onEvery(e.target.value as Every | 'auto')}
          data-testid="every-select"
          data-resolved={p.resolved}
        >
          <option value="auto">{t('trends.every.auto', { level: t(`trends.every.${p.resolved}` as MessageKey) })}</option>
          {TREND_EVERY.map((e) => (
            <option key={e} value={e} disabled={!everyAllowed(e, span)}>
              {t(`trends.every.${e}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <div className="zoom-buttons" role="group" aria-label={t('trends.zoom')}>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => p.onZoom('left')}
          aria-label={t('trends.panLeft')}
          title={t('trends.panLeft')}
          disabled={!p.zoomed}
        >
          ←
        </button>
        <button type="button" className="btn btn-small" onClick={() => p.onZoom('in')} aria-label={t('map.zoomIn')} title={t('map.zoomIn')}>
          +
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => p.onZoom('out')}
          aria-label={t('map.zoomOut')}
          title={t('map.zoomOut')}
          disabled={!p.zoomed}
        >
          −
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => p.onZoom('right')}
          aria-label={t('trends.panRight')}
          title={t('trends.panRight')}
          disabled={!p.zoomed}
        >
          →
        </button>
        <button type="button" className="btn btn-small" onClick={() => p.onZoom('reset')} disabled={!p.zoomed} data-testid="zoom-reset">
          {t('trends.resetZoom')}
        </button>
      </div>
      <div className="export-buttons">
        {p.csvHref && (
          <a className="btn btn-small" href={p.csvHref} download data-testid="trends-csv">
            {t('trends.csv')}
          </a>
        )}
        {p.onPng && (
          <button type="button" className="btn btn-small" onClick={p.onPng} disabled={p.busy} data-testid="trends-png">
            {t('trends.png')}
          </button>
        )}
      </div>
    </div>
  )
}
