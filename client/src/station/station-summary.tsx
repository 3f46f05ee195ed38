/**
 * A station's identity and state: names in both languages, kind, town, coordinates (marked
 * approximate), id, status since when, AQI when known.
 */
import type { StationView } from '../data/api-types'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime } from '../time/cst'
import { kindLabel, metricLabel, townName } from '../ui/labels'
import { ShapeIcon } from '../map/shape-icon'

/** Props of {@link StationSummary}. */
export interface StationSummaryProps {
  station: StationView
}

/** The summary block. */
export function StationSummary({ station: s }: StationSummaryProps) {
  const { t, lang } = useI18n()
  return (
    <div className="station-summary">
      <div className="station-names">
        <h2 className="station-name">
          <ShapeIcon kind={s.kind} size={16} />
          <span lang="zh-CN">{s.nameZh}</span>
        </h2>
        <div className="station-name-en" lang="en">
          {s.nameEn}
        </div>
      </div>
      <dl className="facts">
        <dt>{t('station.status')}</dt>
        <dd>
          <span className={`status-pill status-${s.status}`}>{t(`status.${s.status}`)}</span>{' '}
          <span className="muted">{t('station.since', { time: formatCstDateTime(s.statusSince) })}</span>
        </dd>
        <dt>{t('station.kind')}</dt>
        <dd>{kindLabel(s.kind, t)}</dd>
        <dt>{t('station.town')}</dt>
        <dd>{townName(s, lang)}</dd>
        <dt>{t('station.coords')}</dt>
        <dd>
          {s.lat.toFixed(4)}°N, {s.lon.toFixed(4)}°E{' '}
          {s.approx && (
            <span className="badge badge-approx" title={t('station.approxTitle')}>
              {t('station.approx')}
            </span>
          )}
        </dd>
        <dt>{t('station.id')}</dt>
        <dd className="mono">{s.id}</dd>
        {s.kind === 'air' && (
          <>
            <dt>{t('station.aqi')}</dt>
            <dd>
              {s.aqi ? (
                <span className="aqi-value">
                  <span className="aqi-chip" style={{ background: s.aqi.color }} />
                  <strong>{Math.round(s.aqi.aqi)}</strong> {s.aqi.category[lang]}
                  {s.aqi.primary.length > 0 && (
                    <span className="muted">
                      {' '}
                      · {t('station.primary')} {s.aqi.primary.map((p) => metricLabel('air', p, lang, t)).join(lang === 'zh' ? '、' : ', ')}
                    </span>
                  )}
                </span>
              ) : (
                <span className="muted">{t('station.noAqi')}</span>
              )}
            </dd>
          </>
        )}
      </dl>
      {s.note && (
        <p className="station-note muted" title={s.note}>
          {s.note}
        </p>
      )}
    </div>
  )
}
