/**
 * How long an alert has been (or was) active, in the UI language, ticking once a second.
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'
import type { Translate } from '../i18n/i18n'
import { useI18n } from '../i18n/use-i18n'
import { formatDuration } from '../time/cst'
import { useSecond } from '../time/ticker'

/** Elapsed time from opening to `now`, or to resolution for a resolved alert. */
export function alertDuration(a: AlertEvent, now: number, t: Translate): string {
  const end = a.state === 'resolved' && a.resolved ? Date.parse(a.resolved.at) : now
  return formatDuration(end - Date.parse(a.openedAt), { d: t('dur.d'), h: t('dur.h'), m: t('dur.m'), s: t('dur.s'), sep: t('dur.sep') })
}

/** The ticking duration text of an alert (only this re-renders every second). */
export function AlertDuration({ alert }: { alert: AlertEvent }) {
  const now = useSecond()
  const { t } = useI18n()
  return <>{alertDuration(alert, now, t)}</>
}
