// The load sections on a machine of two cores or more: the load generator on one core, the
// server on another. Left to the scheduler, the two sometimes share a core and sometimes not,
// and a server's rate jumped between two levels (62,000 and 83,000 req/s for bare node:http)
// from one round to the next. Linux only (`taskset`); elsewhere nothing is pinned, and the
// report says so.
import { execFileSync } from 'node:child_process'
import os from 'node:os'

const CLIENT_CPU = '0'
const SERVER_CPU = '1'

/** Whether the load sections pin: `taskset` is there and there are two cores or more. */
export const PINNING = os.cpus().length >= 2 && hasTaskset()

/**
 * The command that starts `command args` on the servers' core (as it is, without pinning).
 *
 * @example
 * spawn(...onServerCore(process.execPath, ['server.js']))
 */
export function onServerCore(command: string, args: string[]): [string, string[]] {
  return PINNING ? ['taskset', ['-c', SERVER_CPU, command, ...args]] : [command, args]
}

/**
 * Runs `task` with this process (every thread of it) on the load generator's core, then gives
 * it every core back.
 *
 * @example
 * await onClientCore(() => loadSideBySide(sandbox, bare, plan))
 */
export async function onClientCore<T>(task: () => Promise<T>): Promise<T> {
  if (!PINNING) return task()
  const all = `0-${os.cpus().length - 1}`
  execFileSync('taskset', ['-a', '-cp', CLIENT_CPU, String(process.pid)], { stdio: 'ignore' })
  try {
    return await task()
  } finally {
    execFileSync('taskset', ['-a', '-cp', all, String(process.pid)], { stdio: 'ignore' })
  }
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
