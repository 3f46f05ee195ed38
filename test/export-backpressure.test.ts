/**
 * Issue 15: a CSV export that waits on back-pressure many times must not pile up listeners on the
 * response (it used to add a `once('close')` per wait and warn MaxListenersExceededWarning on every
 * export of about 20k rows or more). 100k rows through the real HTTP server and real DuckDB, read
 * by a slow client so that the server really waits for `drain` many times.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { get, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import { MIN, T0 } from './helpers/store-fixtures'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const ROWS = 100_000
let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem({ RETENTION_DAYS: '800' })
  // 50k minutes of PM2.5 and PM10: 100k rows of CSV.
  const batch: Reading[] = []
  for (let i = 0; i < ROWS / 2; i++) {
    batch.push({ stationId: 'DG-AIR-01', kind: 'air', ts: T0 + i * MIN, values: { pm25: i % 100, pm10: 50 } })
    if (batch.length === 25_000) await sys.store.write(batch.splice(0))
  }
  await sys.store.write(batch)
}, 120_000)
afterAll(async () => {
  await sys?.stop()
})

describe('CSV export under back-pressure', () => {
  it('a slowly read 100k-row export waits for drain many times, keeps its listeners bounded and warns nothing', async () => {
    const warnings: Error[] = []
    const onWarning = (w: Error) => warnings.push(w)
    process.on('warning', onWarning)
    // The server's own response object, as Node announces it (no wrapper, no mock).
    let response: ServerResponse | undefined
    let drains = 0
    const onRequest = (m: unknown) => {
      const r = m as { request: { url?: string }; response: ServerResponse }
      if (!r.request.url?.includes('format=csv')) return
      response = r.response
      response.on('drain', () => drains++)
    }
    subscribe('http.server.request.start', onRequest)
    try {
      const { cookie } = await sys.login('analyst')
      const path = `/api/stations/DG-AIR-01/series?metric=pm25,pm10&from=${T0}&to=${T0 + (ROWS / 2) * MIN}&every=raw&format=csv`
      let maxClose = 0
      let maxDrain = 0
      const { status, lines } = await new Promise<{ status: number; lines: number }>((resolve, reject) => {
        get(sys.url + path, { headers: { cookie } }, (res) => {
          void (async () => {
            let lines = 0
            // A slow reader: a pause after every chunk lets the socket buffers fill, so the
            // server's writes return false and it waits.
            for await (const chunk of res as AsyncIterable<Buffer>) {
              for (const b of chunk) if (b === 0x0a) lines++
              if (response) {
                maxClose = Math.max(maxClose, response.listenerCount('close'))
                maxDrain = Math.max(maxDrain, response.listenerCount('drain'))
              }
              await sleep(2)
            }
            resolve({ status: res.statusCode ?? 0, lines })
          })().catch(reject)
        }).on('error', reject)
      })
      expect(status).toBe(200)
      expect(lines).toBe(1 + ROWS)
      // Back-pressure really happened, more often than the default limit of 10 listeners.
      expect(drains).toBeGreaterThan(20)
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([])
      // The test's own drain counter, and at most one waiter; close: express's and ours.
      expect(maxDrain).toBeLessThanOrEqual(2)
      expect(maxClose).toBeLessThanOrEqual(4)
    } finally {
      unsubscribe('http.server.request.start', onRequest)
      process.off('warning', onWarning)
    }
  }, 120_000)
})
