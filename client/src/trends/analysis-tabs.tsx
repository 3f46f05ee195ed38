/**
 * Tabs between the analysts' two views: the comparison trends and the bad-air-days analysis.
 */
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'

/** Props of {@link AnalysisTabs}. */
export interface AnalysisTabsProps {
  current: 'trends' | 'bad-days'
}

/** The tab row. */
export function AnalysisTabs({ current }: AnalysisTabsProps) {
  const { t } = useI18n()
  return (
    <nav className="tabs" aria-label={t('trends.tabs')}>
      <a className="tab" href={routeHref({ view: 'trends' })} aria-current={current === 'trends' ? 'page' : undefined}>
        {t('trends.title')}
      </a>
      <a
        className="tab"
        href={routeHref({ view: 'bad-days' })}
        aria-current={current === 'bad-days' ? 'page' : undefined}
        data-testid="bad-days-tab"
      >
        {t('badDays.title')}
      </a>
    </nav>
  )
}
