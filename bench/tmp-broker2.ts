import mqtt from 'mqtt'
import { Aedes } from 'aedes'
import { createServer } from 'node:net'
const qos = Number(process.argv[2]) as 0 | 1
const yieldEvery = Number(process.argv[3])
const aedes = await Aedes.createBroker()
const srv = createServer(aedes.handle)
await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
const url = `mqtt://127.0.0.1:${(srv.address() as any).port}`
const sub = await mqtt.connectAsync(url, { clientId: 'sub', clean: true })
let n = 0
sub.on('message', () => n++)
await sub.subscribeAsync('x/#', { qos })
const pub = await mqtt.connectAsync(url, { clientId: 'pub' })
const N = 40000
const payload = Buffer.alloc(235, 'a')
const t0 = performance.now()
let tPub = 0
for (let i = 0; i < N; i++) {
  pub.publish(`x/v1/air/DG-${i % 1000}/reading`, payload, { qos })
  if (yieldEvery && i % yieldEvery === 0) await new Promise((r) => setImmediate(r))
}
tPub = performance.now() - t0
while (n < N) await new Promise((r) => setTimeout(r, 5))
console.log('qos', qos, 'yield', yieldEvery, 'pub loop ms', Math.round(tPub), 'recv rate', Math.round(N / (performance.now() - t0) * 1000))
process.exit(0)
