// The shape of shared/: which part may import which, read from the import lines themselves.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../shared/kit/target.js'

const SHARED = join(REPO_ROOT, 'shared')

/** Every .ts/.tsx file under shared/, with the files of this repo it imports (types included). */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SHARED, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => `shared/${file}`)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const source = readFileSync(join(REPO_ROOT, file), 'utf8')
    const targets = [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)]
      .map((match) => relative(REPO_ROOT, resolve(dirname(join(REPO_ROOT, file)), match[1]!)))
      .map((target) => {
        const stem = target.replace(/\.js$/, '')
        return files.find((candidate) => candidate === `${stem}.ts` || candidate === `${stem}.tsx`)
      })
      .filter((target): target is string => target !== undefined)
    graph.set(file, targets)
  }
  return graph
}

const graph = importGraph()
const importsOf = (prefix: string) =>
  [...graph].filter(([file]) => file.startsWith(prefix)).flatMap(([file, targets]) =>
    targets.map((target) => `${file} → ${target}`)
  )
const outside = (edges: string[], allowed: string[]) =>
  edges.filter((edge) => !allowed.some((prefix) => edge.split(' → ')[1]!.startsWith(prefix)))

describe('the imports of shared/', () => {
  it('reads every file (a sanity check of the reader itself)', () => {
    expect(graph.size).toBeGreaterThan(100)
    expect(graph.get('shared/bank/app.tsx')).toContain('shared/bank/routes/transfer-routes.tsx')
  })

  it('form no cycle: no file imports a file that imports it back, however far round', () => {
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '))
        return
      }
      state.set(file, 'visiting')
      for (const target of graph.get(file) ?? []) visit(target, [...path, file])
      state.set(file, 'done')
    }
    for (const file of graph.keys()) visit(file, [])
    expect(cycles).toEqual([])
  })

  it('run one way between the parts: apps → bank → steps → model, and the kit on top', () => {
    expect(outside(importsOf('shared/runtime/'), ['shared/runtime/'])).toEqual([])
    expect(outside(importsOf('shared/authy/'), ['shared/authy/', 'shared/runtime/'])).toEqual([])
    expect(outside(importsOf('shared/twilio/'), ['shared/twilio/', 'shared/runtime/'])).toEqual([])
    expect(outside(importsOf('shared/model/'), ['shared/model/', 'shared/authy/'])).toEqual([])
    expect(
      outside(importsOf('shared/steps/'), [
        'shared/steps/',
        'shared/model/',
        'shared/authy/',
        'shared/twilio/',
      ])
    ).toEqual([])
    expect(
      outside(importsOf('shared/sandbox/'), ['shared/sandbox/', 'shared/runtime/', 'shared/authy/'])
    ).toEqual([])
    expect(importsOf('shared/bank/').filter((edge) => edge.includes('→ shared/kit/'))).toEqual([])
  })

  it('keep the bank’s workflows free of HTTP: its domain imports no route, page or middleware', () => {
    expect(
      importsOf('shared/bank/domain/').filter((edge) =>
        /→ shared\/bank\/(routes|http|views|app)/.test(edge)
      )
    ).toEqual([])
    expect(
      importsOf('shared/bank/store/').filter((edge) => /→ shared\/bank\/(?!store\/)/.test(edge))
    ).toEqual([])
  })

  it('keep the providers below the workflows: a provider imports no workflow, route, page or middleware', () => {
    expect(
      importsOf('shared/bank/provider/').filter((edge) =>
        /→ shared\/bank\/(domain|routes|http|views|process|app)/.test(edge)
      )
    ).toEqual([])
  })

  it('keep route files apart: no route file imports another', () => {
    const routeEdges = [...importsOf('shared/bank/routes/'), ...importsOf('shared/sandbox/')]
    const routeFile = (path: string) => /\/routes?\b|-routes?\.tsx?$/.test(path)
    expect(
      routeEdges.filter((edge) => {
        const [from, to] = edge.split(' → ') as [string, string]
        return routeFile(from) && routeFile(to) && from !== to
      })
    ).toEqual([])
  })
})
