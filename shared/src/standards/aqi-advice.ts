/**
 * HJ 633-2012 Table 2 (空气质量指数及相关信息), the two columns a public release prints beside each
 * level: 对健康影响情况 (health effects) and 建议采取的措施 (advised measures), as data.
 *
 * The Chinese text is the standard's (HJ 633-2012《环境空气质量指数（AQI）技术规定（试行）》, Ministry
 * of Environmental Protection, 2012-02-29, Table 2; published at bz.mep.gov.cn, and reproduced by the
 * national and provincial real-time releases), kept word for word, including the standard's own
 * "锻练" in level IV. The English is envmon's translation for the bilingual public page; it is not
 * an official text.
 */
import type { AqiLevelId } from './aqi-table'

/** One level's health effects and advised measures, Chinese (official) and English (translation). */
export interface AqiAdvice {
  effects: { zh: string; en: string }
  advice: { zh: string; en: string }
}

/** HJ 633-2012 Table 2, columns 对健康影响情况 and 建议采取的措施, per AQI level. */
export const AQI_ADVICE: Readonly<Record<AqiLevelId, AqiAdvice>> = {
  I: {
    effects: { zh: '空气质量令人满意，基本无空气污染', en: 'Air quality is satisfactory; there is basically no air pollution.' },
    advice: { zh: '各类人群可正常活动', en: 'Everyone can carry on their activities as usual.' },
  },
  II: {
    effects: {
      zh: '空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响',
      en: 'Air quality is acceptable, but some pollutants may have a weak effect on the health of a very small number of unusually sensitive people.',
    },
    advice: { zh: '极少数异常敏感人群应减少户外活动', en: 'The very few unusually sensitive people should reduce outdoor activities.' },
  },
  III: {
    effects: {
      zh: '易感人群症状有轻度加剧，健康人群出现刺激症状',
      en: 'Symptoms of susceptible people are slightly aggravated; healthy people show symptoms of irritation.',
    },
    advice: {
      zh: '儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼',
      en: 'Children, the elderly and people with heart or respiratory diseases should reduce prolonged or heavy outdoor exercise.',
    },
  },
  IV: {
    effects: {
      zh: '进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响',
      en: "Symptoms of susceptible people are further aggravated; healthy people's heart and respiratory system may be affected.",
    },
    advice: {
      zh: '儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻练，一般人群适量减少户外运动',
      en: 'Children, the elderly and people with heart or respiratory diseases should avoid prolonged or heavy outdoor exercise; everyone else should moderately reduce outdoor exercise.',
    },
  },
  V: {
    effects: {
      zh: '心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状',
      en: 'Symptoms of people with heart or lung diseases are markedly aggravated and their exercise tolerance falls; healthy people commonly show symptoms.',
    },
    advice: {
      zh: '儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动',
      en: 'Children, the elderly and people with heart or lung diseases should stay indoors and stop outdoor exercise; everyone else should reduce outdoor exercise.',
    },
  },
  VI: {
    effects: {
      zh: '健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病',
      en: "Healthy people's exercise tolerance falls; there are marked, strong symptoms, and some diseases appear early.",
    },
    advice: {
      zh: '儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动',
      en: 'Children, the elderly and the sick should stay indoors and avoid physical exertion; everyone else should avoid outdoor activities.',
    },
  },
}

/**
 * The health effects and advice for a level id (`I`..`VI`), or undefined for anything else.
 * @example aqiAdvice('III')?.advice.zh.startsWith('儿童') // true
 */
export function aqiAdvice(level: string | undefined): AqiAdvice | undefined {
  return level !== undefined && Object.hasOwn(AQI_ADVICE, level) ? AQI_ADVICE[level as AqiLevelId] : undefined
}
