import { benchMemory } from './test/bench/app-figures.js'
const r = await benchMemory({ transfers: Number(process.argv[2] ?? 200) })
console.log(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'transfers' ? v : Math.round(v / 1048576)])))
