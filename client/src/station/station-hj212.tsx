/**
 * A station's data logger link (issue 12, operators and admins): the transport its HJ 212 frames
 * take, the command in progress, and the recent gaps and commands (history requests, clock checks)
 * with their state. Shown only for stations that speak HJ 212; refreshed every 10 s.
 */
import { useEffect, useState } from 'react'
import { canActOnAlerts, useSession } from '../auth/session'
import { hj212Api, type Hj212Command, type Hj212Gap, type Hj212View } from '../data/hj212-api'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { formatCstShort } from '../time/cst'

const REFRESH_MS = 10_000

const NAMED_CN = new Set(['2051', '2061', '2031', '1011', '1012'])

/** A command code with its name. */
export function cnText(cn: string, t: (k: MessageKey) => string): string {
  return NAMED_CN.has(cn) ? `${t(`hj212.cn.${cn}` as MessageKey)} (${cn})` : cn
}

/** Rows of the command log. */
export function Hj212CommandRows({ commands, withStation = false }: { commands: Hj212Command[]; withStation?: boolean }) {
  const { t } = useI18n()
  return (
    <table className="data-table hj212-log" data-testid="hj212-log">
      <thead>
        <tr>
          <th>{t('hj212.col.time')}</th>
          {withStation && <th>{t('hj212.station')}</th>}
          <th>{t('hj212.col.cn')}</th>
          <th>{t('hj212.col.params')}</th>
          <th>{t('hj212.col.state')}</th>
          <th>{t('hj212.col.result')}</th>
          <th>{t('hj212.col.via')}</th>
          <th>{t('hj212.col.by')}</th>
        </tr>
      </thead>
      <tbody>
        {commands.map((c) => (
          <tr key={c.id} data-state={c.state} data-cn={c.cn}>
            <td>{formatCstShort(c.createdAt)}</td>
            {withStation && <td>{c.stationId}</td>}
            <td title={`QN ${c.qn}`}>{cnText(c.cn, t)}</td>
            <td className="mono">
              {Object.entries(c.params)
                .map(([k, v]) => `${k}=${v}`)
                .join(' ')}
            </td>
            <td className={`hj212-state hj212-${c.state}`}>{t(`hj212.state.${c.state}` as MessageKey)}</td>
            <td>{c.result ?? ''}</td>
            <td>{c.via ?? ''}</td>
            <td>{c.by}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Rows of the gaps. */
export function Hj212GapRows({ gaps }: { gaps: Hj212Gap[] }) {
  const { t } = useI18n()
  if (gaps.length === 0) return null
  return (
    <ul className="hj212-gaps" data-testid="hj212-gaps">
      {gaps.map((g) => (
        <li key={g.id} data-state={g.state}>
          <span className={`hj212-state hj212-${g.state}`}>{t(`hj212.gap.${g.state}` as MessageKey)}</span> {g.stationId}{' '}
          {formatCstShort(g.from)} – {formatCstShort(g.to)} <span className="muted">{g.result ?? ''}</span>
        </li>
      ))}
    </ul>
  )
}

/** Props of {@link StationHj212}. */
export interface StationHj212Props {
  stationId: string
}

/** The station's HJ 212 command state, for operators and admins. */
export function StationHj212({ stationId }: StationHj212Props) {
  const { t } = useI18n()
  const session = useSession()
  const allowed = canActOnAlerts(session)
  const [view, setView] = useState<Hj212View>()
  useEffect(() => {
    if (!allowed) return
    const ctl = new AbortController()
    // Not reported as a notice: a node without the command session answers 503, and that is fine here.
    const load = () => hj212Api.station(stationId, ctl.signal).then(setView, () => undefined)
    void load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      ctl.abort()
      clearInterval(timer)
    }
  }, [stationId, allowed])
  if (!allowed || !view || (!view.route && view.commands.length === 0)) return null
  return (
    <details className="station-hj212" data-testid="station-hj212">
      <summary>
        {t('hj212.stationTitle')} {view.route && <span className="muted">{t('hj212.route', { via: view.route })}</span>}{' '}
        {view.busy && <span className="hj212-state hj212-sent">{t('hj212.busy', { cn: cnText(view.busy.cn, t) })}</span>}
      </summary>
      <Hj212GapRows gaps={view.gaps} />
      <Hj212CommandRows commands={view.commands} />
    </details>
  )
}
