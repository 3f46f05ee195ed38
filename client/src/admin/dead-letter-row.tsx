/**
 * One dead letter: time (CST), reason (a warning marked as such), station (linked) or topic, via,
 * the server's message, size; the payload opens below, decoded for display (text, formatted JSON,
 * or hex when it is not UTF-8 text).
 */
import { useMemo } from 'react'
import type { DeadLetter } from '../data/admin-types'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { formatCstDateTime } from '../time/cst'
import { decodePayload } from './payload-decode'
import { reasonLabel } from './reason-label'

/** Columns of the table (the payload row spans them). */
export const DEAD_LETTER_COLUMNS = 6

/** Props of {@link DeadLetterRow}. */
export interface DeadLetterRowProps {
  letter: DeadLetter
  open: boolean
  onToggle: () => void
}

/** The row, and the payload below it when open. */
export function DeadLetterRow({ letter: d, open, onToggle }: DeadLetterRowProps) {
  const { t } = useI18n()
  const payload = useMemo(() => (open ? decodePayload(d.payloadBase64, d.truncated) : undefined), [open, d.payloadBase64, d.truncated])
  return (
    <>
      <tr data-reason={d.reason} data-station-id={d.stationId ?? ''} data-via={d.via} data-warning={d.warning ? 'true' : 'false'}>
        <td className="mono nowrap">{formatCstDateTime(d.receivedAt)}</td>
        <td>
          <span className={`badge ${d.warning ? 'dl-badge-warning' : 'dl-badge-reject'}`}>{reasonLabel(d.reason, t)}</span>
          <div className="cell-sub mono">
            {d.reason}
            {d.warning && ` · ${t('admin.dl.warning')}`}
          </div>
        </td>
        <td>
          {d.stationId ? (
            <a className="mono" href={routeHref({ view: 'station', stationId: d.stationId })}>
              {d.stationId}
            </a>
          ) : (
            <span className="muted">—</span>
          )}
          <div className="cell-sub mono dl-topic">{d.topic}</div>
        </td>
        <td className="mono">{d.via.toUpperCase()}</td>
        <td className="dl-message">{d.message}</td>
        <td className="row-actions">
          <button type="button" className="btn btn-small" aria-expanded={open} onClick={onToggle} data-testid="deadletter-payload-toggle">
            {open ? t('admin.dl.hide') : t('admin.dl.show')}
          </button>
          <div className="cell-sub">{d.truncated ? t('admin.dl.truncated', { n: d.size }) : t('admin.dl.size', { n: d.size })}</div>
        </td>
      </tr>
      {open && payload && (
        <tr className="row-expand">
          <td colSpan={DEAD_LETTER_COLUMNS}>
            <div className="muted small">
              {t('admin.dl.payload')} · {t(`admin.dl.kind.${payload.kind}`)}
              {d.truncated && ` · ${t('admin.dl.truncated', { n: d.size })}`}
            </div>
            {payload.text && (
              <pre className="dl-payload" data-testid="deadletter-payload" data-kind={payload.kind}>
                {payload.text}
              </pre>
            )}
          </td>
        </tr>
      )}
    </>
  )
}
