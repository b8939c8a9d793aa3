/** The oldest Node the kit runs on (package.json `engines`). */
export const LOWEST_NODE = [20, 19] as const

/** The Node line in Active LTS now: the one to recommend. */
export const CURRENT_LTS = 26

/** LTS lines that reached their end of life, and when. */
const END_OF_LIFE: Record<number, string> = { 20: 'April 2026' }

/** What the doctor says about a Node version. */
export type NodeVerdict =
  | { ok: true; text: string; advice?: string }
  | { ok: false; text: string; fix: string }

/**
 * Whether this Node runs the workshop, and whether a newer one is worth installing.
 *
 * @example
 * nodeVerdict('20.20.2').advice // 'Node 20 reached its end of life in April 2026: …'
 */
export function nodeVerdict(version: string): NodeVerdict {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number)
  const needed = `${LOWEST_NODE[0]}.${LOWEST_NODE[1]}`
  const install = `install Node ${CURRENT_LTS}, the current LTS, from https://nodejs.org`
  const shown = `Node v${version.replace(/^v/, '')}`
  if (major < LOWEST_NODE[0] || (major === LOWEST_NODE[0] && minor < LOWEST_NODE[1])) {
    return {
      ok: false,
      text: `${shown} is too old: the workshop needs ${needed} or newer.`,
      fix: `${install[0]!.toUpperCase()}${install.slice(1)}, then run \`npm install\` again.`,
    }
  }
  const text = `${shown} (${needed} or newer needed; Node ${CURRENT_LTS} LTS recommended)`
  if (END_OF_LIFE[major]) {
    return {
      ok: true,
      text,
      advice: `Node ${major} reached its end of life in ${END_OF_LIFE[major]}: it runs the workshop, but ${install} when you can.`,
    }
  }
  if (major < CURRENT_LTS || major % 2 === 1) {
    const why = major % 2 === 1 ? 'is not an LTS line' : 'is an older LTS line'
    return { ok: true, text, advice: `Node ${major} ${why}: it runs the workshop; ${install} when you can.` }
  }
  return { ok: true, text }
}
