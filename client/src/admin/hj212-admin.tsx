/**
 * HJ 212 commands (issue 12, admin): the command log envmon keeps as upper computer (history
 * requests, clock reads and sets, with their QN, state and result) and the gaps it found, with
 * "request history for this range" and "sync clock" for one station. Refreshed every 5 s.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { hj212Api, type Hj212View } from '../data/hj212-api'
import { reportError } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime } from '../time/cst'
import { Hj212CommandRows, Hj212GapRows } from '../station/station-hj212'

const REFRESH_MS = 5_000
/** `datetime-local` value (CST wall clock) → ISO with +08:00. */
const cstIso = (v: string) => `${v.length === 16 ? `${v}:00` : v}+08:00`

/** The HJ 212 section. */
export function Hj212Admin() {
  const { t } = useI18n()
  const [station, setStation] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [view, setView] = useState<Hj212View>()
  const [n, setN] = useState(0)
  const [status, setStatus] = useState<string>()
  useEffect(() => {
    let live = true
    const load = () =>
      hj212Api
        .log(station.trim() || undefined)
        .then((v) => live && setView(v))
        .catch((e: unknown) => reportError(e, 'GET /api/admin/hj212/commands'))
    void load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [station, n])
  const act = (what: () => Promise<unknown>) => {
    setStatus(undefined)
    what()
      .then(() => (setStatus(t('hj212.sent')), setN((x) => x + 1)))
      .catch((e: unknown) => setStatus(e instanceof Error ? e.message : String(e)))
  }
  const onHistory = (e: FormEvent) => {
    e.preventDefault()
    act(() => hj212Api.requestHistory(station.trim(), cstIso(from), cstIso(to)))
  }
  return (
    <section className="admin-section" data-testid="hj212-admin">
      <form className="admin-form hj212-form" onSubmit={onHistory}>
        <label>
          {t('hj212.station')} <input value={station} onChange={(e) => setStation(e.target.value)} data-testid="hj212-station" required />
        </label>
        <label>
          {t('hj212.from')} (UTC+8){' '}
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="hj212-from" required />
        </label>
        <label>
          {t('hj212.to')} (UTC+8){' '}
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="hj212-to" required />
        </label>
        <button type="submit" data-testid="hj212-history">
          {t('hj212.requestHistory')}
        </button>
        <button
          type="button"
          disabled={!station.trim()}
          onClick={() => act(() => hj212Api.syncClock(station.trim()))}
          data-testid="hj212-clock"
        >
          {t('hj212.syncClock')}
        </button>
        {status && (
          <span className="muted" role="status">
            {status}
          </span>
        )}
      </form>
      <h3>{t('hj212.gaps')}</h3>
      {view && <Hj212GapRows gaps={view.gaps} />}
      <h3>{t('hj212.log')}</h3>
      {view && view.commands.length === 0 && <p className="muted">{t('hj212.none')}</p>}
      {view && view.commands.length > 0 && <Hj212CommandRows commands={view.commands} withStation />}
      {view && <p className="muted small">{formatCstDateTime(Date.now())}</p>}
    </section>
  )
}
