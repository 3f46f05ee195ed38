/**
 * The public page (/public, no login): the city AQI, the map of every air station's AQI, the
 * station list, one station's detail, the daily report, the targets board and the drinking-water
 * sources. Polls the cached public API once a minute; Chinese or English.
 */
import { useCallback, useEffect, useState } from 'react'
import type { PublicAqiBody, PublicDailyBody, PublicTargetsBody, PublicWaterBody } from '../../../shared/src/protocol/http/public'
import { prepareBoundary, type Boundary } from '../map/geo'
import { fetchAqi, fetchBoundary, fetchDaily, fetchTargets, fetchWater } from './api'
import { AqiBadge } from './aqi-badge'
import { CityMap } from './city-map'
import { DailySection, DataLabel, TargetsSection, WaterSection } from './sections'
import { StationDetail } from './station-detail'
import { STRINGS, cstHour, pollutantLabel, saveLang, savedLang, type PublicLang } from './strings'

const REFRESH_MS = 60_000

/** Fetch a body now and at each refresh; failures keep the last body. */
function usePolled<T>(fetcher: () => Promise<T>, tick: number): T | undefined {
  const [v, setV] = useState<T>()
  useEffect(() => {
    let live = true
    fetcher().then(
      (b) => live && setV(b),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [fetcher, tick])
  return v
}

export function PublicApp() {
  const [lang, setLang] = useState<PublicLang>(savedLang)
  const [tick, setTick] = useState(0)
  const [selected, setSelected] = useState<string>()
  const [boundary, setBoundary] = useState<Boundary>()
  const t = STRINGS[lang]
  useEffect(() => saveLang(lang), [lang])
  useEffect(() => {
    const timer = setInterval(() => setTick((x) => x + 1), REFRESH_MS)
    return () => clearInterval(timer)
  }, [])
  useEffect(() => {
    fetchBoundary().then(
      (topo) => setBoundary(prepareBoundary(topo)),
      () => undefined,
    )
  }, [])
  const aqi = usePolled<PublicAqiBody>(fetchAqi, tick)
  const daily = usePolled<PublicDailyBody>(fetchDaily, tick)
  const targets = usePolled<PublicTargetsBody>(fetchTargets, tick)
  const water = usePolled<PublicWaterBody>(fetchWater, tick)
  const select = useCallback((id: string) => setSelected((cur) => (cur === id ? undefined : id)), [])
  const stations = aqi?.stations ?? []
  return (
    <div className="pub">
      <header className="pub-header">
        <div>
          <h1>{t.title}</h1>
          <div className="pub-muted">{t.subtitle}</div>
        </div>
        <button type="button" className="pub-lang" data-testid="public-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t.switchLang}
        </button>
      </header>
      <section className="pub-card pub-city" data-testid="public-city">
        <div>
          <div className="pub-muted">{t.cityAqi}</div>
          <AqiBadge aqi={aqi?.city} lang={lang} testId="public-city-aqi" />
        </div>
        <div className="pub-city-meta">
          {aqi?.city && (
            <>
              <div>
                {t.primary}: {aqi.city.primary.length ? aqi.city.primary.map(pollutantLabel).join(lang === 'zh' ? '、' : ', ') : t.none}
              </div>
              <div className="pub-muted">{t.hourOf(cstHour(aqi.city.end))}</div>
            </>
          )}
          <DataLabel data={aqi?.data} lang={lang} realtime />
        </div>
      </section>
      <div className="pub-main">
        <section className="pub-card pub-map-card">
          <CityMap boundary={boundary} stations={stations} selected={selected} lang={lang} onSelect={select} />
          <div className="pub-muted pub-hint">{t.select}</div>
        </section>
        <div className="pub-side">
          {selected && <StationDetail id={selected} lang={lang} refresh={tick} onClose={() => setSelected(undefined)} />}
          <section className="pub-card">
            <h2>{t.stations}</h2>
            <ul className="pub-stations" data-testid="public-stations">
              {stations.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className={s.id === selected ? 'is-selected' : ''}
                    data-testid="public-station"
                    data-station-id={s.id}
                    onClick={() => select(s.id)}
                  >
                    <span className="pub-station-name">
                      <span data-testid="public-station-name">{lang === 'zh' ? s.nameZh : s.nameEn}</span>
                      <span className="pub-muted">{lang === 'zh' ? s.town : (s.townEn ?? s.town)}</span>
                    </span>
                    <AqiBadge aqi={s.aqi} lang={lang} testId="public-station-aqi" small />
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
      <DailySection body={daily} lang={lang} />
      <TargetsSection body={targets} lang={lang} />
      <WaterSection body={water} lang={lang} />
    </div>
  )
}
