import { startBenchServer } from './test/bench/bench-process.js'
let t = performance.now()
const lap = (what: string) => { console.log(what, Math.round(performance.now() - t)); t = performance.now() }
const s = await startBenchServer<any>(['sandbox']); lap('start sandbox')
const r = await fetch(`${s.info.url}${s.info.path}`, { headers: { 'x-authy-api-key': s.info.apiKey } }); await r.arrayBuffer(); lap('fetch')
const b = await startBenchServer<any>(['baseline']); lap('start baseline')
await b.stop(); lap('stop baseline')
await s.stop(); lap('stop sandbox')
