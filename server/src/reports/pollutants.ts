/** Display names of the air pollutants in reports (subscripts as the bulletins print them). */
export const POLLUTANT_NAMES: Readonly<Record<string, string>> = {
  so2: 'SO₂',
  no2: 'NO₂',
  co: 'CO',
  o3: 'O₃',
  pm10: 'PM₁₀',
  pm25: 'PM₂.₅',
  nox: 'NOx',
}
