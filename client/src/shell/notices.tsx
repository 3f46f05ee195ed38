/**
 * Error notices (failed requests), bottom right, each dismissable; they also dismiss themselves.
 */
import { useNotices } from '../data/hooks'
import { dismissNotice } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'

/** The notices region. */
export function Notices() {
  const notices = useNotices()
  const { t } = useI18n()
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className="notice" data-code={n.code}>
          <div className="notice-body">
            <strong>{n.code === 'network' || n.code === 'timeout' ? t('error.network') : t('error.generic')}</strong>
            <span className="notice-msg">{n.message}</span>
            {n.context && <span className="notice-ctx">{n.context}</span>}
          </div>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => dismissNotice(n.id)}>
            {t('error.dismiss')}
          </button>
        </div>
      ))}
    </div>
  )
}
