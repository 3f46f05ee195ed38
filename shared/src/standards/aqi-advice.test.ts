import { describe, expect, it } from 'vitest'
import { AQI_LEVELS, aqiLevel } from './aqi-table'
import { AQI_ADVICE, aqiAdvice } from './aqi-advice'

describe('HJ 633-2012 Table 2 health effects and advice', () => {
  it('has both columns in Chinese and English for every level', () => {
    for (const l of AQI_LEVELS) {
      const a = AQI_ADVICE[l.level]
      for (const text of [a.effects.zh, a.effects.en, a.advice.zh, a.advice.en]) expect(text.length).toBeGreaterThan(5)
    }
  })

  it.each([
    [30, '各类人群可正常活动'],
    [75, '极少数异常敏感人群应减少户外活动'],
    [120, '儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼'],
    [180, '儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻练，一般人群适量减少户外运动'],
    [250, '儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动'],
    [400, '儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动'],
  ])('AQI %i advises the standard text for its level', (aqi, advice) => {
    expect(aqiAdvice(aqiLevel(aqi)?.level)?.advice.zh).toBe(advice)
  })

  it('answers undefined for an unknown level, including inherited keys', () => {
    expect(aqiAdvice('VII')).toBeUndefined()
    expect(aqiAdvice('toString')).toBeUndefined()
    expect(aqiAdvice(undefined)).toBeUndefined()
  })
})
