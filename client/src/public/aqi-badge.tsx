/** An AQI in its level colour with its category (HJ 633-2012 Table 2), or "no data". */
import type { PublicAqi } from '../../../shared/src/protocol/http/public'
import { STRINGS, inkOn, type PublicLang } from './strings'

export function AqiBadge({
  aqi,
  lang,
  testId,
  small,
}: {
  aqi: Pick<PublicAqi, 'aqi' | 'level' | 'color' | 'category'> | null | undefined
  lang: PublicLang
  testId?: string
  small?: boolean
}) {
  if (!aqi) {
    return (
      <span className={`pub-badge pub-badge-none${small ? ' is-small' : ''}`} data-testid={testId} data-aqi="">
        {STRINGS[lang].noData}
      </span>
    )
  }
  return (
    <span
      className={`pub-badge${small ? ' is-small' : ''}`}
      style={{ background: aqi.color, color: inkOn(aqi.level) }}
      data-testid={testId}
      data-aqi={aqi.aqi}
      data-level={aqi.level}
    >
      <span className="pub-badge-value">{aqi.aqi}</span>
      <span className="pub-badge-cat">{aqi.category[lang]}</span>
    </span>
  )
}
