/**
 * A station's HJ 212 profile in the stations table (issue 12): the edition its logger speaks (from
 * the Flag version bits) and, folded, the deviations from the standard it sends, each with how
 * often and when first and last seen. Deviations are accepted data; this tells staff which loggers
 * to have their vendors fix.
 */
import type { AdminHj212Profile } from '../data/admin-types'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime } from '../time/cst'
import { deviationLabel } from './deviation-label'

/** The cell's content; `—` for a station that sent no HJ 212 frame. */
export function Hj212ProfileCell({ profile }: { profile: AdminHj212Profile | undefined }) {
  const { t } = useI18n()
  if (!profile) return <span className="muted">—</span>
  const kinds = Object.entries(profile.deviations).sort((a, b) => b[1].count - a[1].count)
  return (
    <div data-testid="hj212-profile">
      <div title={t('admin.st.hj212.version')}>{profile.edition}</div>
      {kinds.length === 0 ? (
        <div className="cell-sub">{t('admin.st.hj212.none')}</div>
      ) : (
        <details className="cell-sub">
          <summary>
            {t('admin.st.hj212.deviations')}: {kinds.length}
          </summary>
          <ul className="hj212-deviations">
            {kinds.map(([kind, seen]) => (
              <li key={kind}>
                <span title={kind}>{deviationLabel(kind, t)}</span>{' '}
                {t('admin.st.hj212.count', {
                  n: seen.count,
                  first: formatCstDateTime(seen.firstSeen),
                  last: formatCstDateTime(seen.lastSeen),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
