/**
 * The clock, in China Standard Time whatever the browser's time zone.
 */
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime } from '../time/cst'
import { useSecond } from '../time/ticker'

/** `YYYY-MM-DD HH:mm:ss CST`, ticking every second. */
export function Clock() {
  const now = useSecond()
  const { t } = useI18n()
  const [date, time] = formatCstDateTime(now).split(' ')
  return (
    <time className="clock" dateTime={new Date(now).toISOString()} title={t('clock.label')}>
      <span className="clock-date">{date}</span> <span className="clock-time">{time}</span> <span className="clock-zone">CST</span>
    </time>
  )
}
