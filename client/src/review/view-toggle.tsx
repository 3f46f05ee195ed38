/**
 * The raw / reviewed switch (issue 13): which data every chart and export shows. Reviewed (the
 * default) is raw with the review marks applied; raw is what arrived.
 */
import { setDataView, useDataView, type DataView } from '../data/review-view'
import { useI18n } from '../i18n/use-i18n'

/** A two-button segmented switch. */
export function ViewToggle() {
  const { t } = useI18n()
  const view = useDataView()
  const views: DataView[] = ['reviewed', 'raw']
  return (
    <div className="segmented" role="group" aria-label={t('review.view')} data-testid="view-toggle">
      {views.map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={view === v}
          onClick={() => setDataView(v)}
          data-view={v}
          title={t(`review.view.${v}.title`)}
        >
          {t(`review.view.${v}`)}
        </button>
      ))}
    </div>
  )
}
