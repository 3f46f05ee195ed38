import { describe, expect, it } from 'vitest'
import { translator } from '../i18n/i18n'
import { deliveryEvent } from './delivery-text'

describe('deliveryEvent', () => {
  const t = translator('en')
  it.each([
    ['opened', 'Alert opened'],
    ['severity:critical', 'Severity rose to Critical'],
    ['step:2', 'Escalation step 2'],
    ['reminder:3', 'Reminder 3'],
    ['resolved', 'Alert resolved'],
    ['digest', 'Late-data digest'],
    ['something-new', 'something-new'],
  ])('words %s', (event, want) => {
    expect(deliveryEvent(event, t)).toBe(want)
  })
})
