import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AuthyError, createAuthyClient, isAuthyError } from '../../shared/authy/index.js'
import { userNotFound } from '../../shared/sandbox/domain/error-answers.js'
import { startSandbox, type RunningSandbox } from '../../shared/sandbox/index.js'

const API_KEY = 'guard-test-key-0123456789abcdef'

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY, log: () => {} })
})

afterAll(async () => {
  await sandbox?.close()
})

describe('isAuthyError', () => {
  it('is true for the error a client call throws when the sandbox answers 404', async () => {
    const authy = createAuthyClient({ apiKey: API_KEY, baseUrl: sandbox.url, retries: 0 })
    const error = await authy.getUserStatus({ authyId: 999_999 }).catch((caught: unknown) => caught)
    expect(isAuthyError(error)).toBe(true)
    expect(error).toBeInstanceOf(AuthyError)
    expect((error as AuthyError).describe()).toContain('60026')
  })

  it('is true for the error of another copy of the client module', async () => {
    vi.resetModules()
    const copy = await import('../../shared/authy/authy-error.js')
    const error = new copy.AuthyError({ kind: 'api', message: 'User not found.', status: 404 })
    expect(copy.AuthyError).not.toBe(AuthyError)
    expect(isAuthyError(error)).toBe(true)
  })

  it('is false for an error answer of the sandbox, which is not the client error', () => {
    expect(isAuthyError(userNotFound())).toBe(false)
  })

  it('is false for a plain object or an Error that only carries the name', () => {
    const renamed = new Error('User not found.')
    renamed.name = 'AuthyError'
    expect(isAuthyError({ name: 'AuthyError' })).toBe(false)
    expect(isAuthyError(renamed)).toBe(false)
  })

  it('is false for nothing at all', () => {
    expect(isAuthyError(undefined)).toBe(false)
    expect(isAuthyError(null)).toBe(false)
  })
})
