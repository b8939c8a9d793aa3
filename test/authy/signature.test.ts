import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseRailsParams, toQuery } from '../../shared/authy/rails-params.js'
import { computeCallbackSignature, verifyCallbackSignature } from '../../shared/authy/signature.js'

interface Vector {
  name: string
  key: string
  nonce: string
  method: 'POST' | 'GET'
  url: string
  expected: string
  body?: unknown
  query_string_as_sent?: string
}

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../fixtures/signature-vectors.json', import.meta.url), 'utf8')
)

function paramsOf(vector: Vector): unknown {
  return vector.method === 'GET' ? parseRailsParams(vector.query_string_as_sent!) : vector.body
}

describe('computeCallbackSignature', () => {
  it.each(vectors.map((v) => [v.name, v] as const))(
    'reproduces the real signature of %s',
    (_, v) => {
      const signature = computeCallbackSignature({
        apiKey: v.key,
        nonce: v.nonce,
        method: v.method,
        url: v.url,
        params: paramsOf(v),
      })
      expect(signature).toBe(v.expected)
    }
  )

  it('rebuilds a GET callback query string exactly as Authy sent it', () => {
    const getVectors = vectors.filter((v) => v.method === 'GET')
    expect(getVectors.length).toBeGreaterThan(0)
    for (const v of getVectors) {
      expect(toQuery(parseRailsParams(v.query_string_as_sent!))).toBe(v.query_string_as_sent)
    }
  })

  it('accepts a raw JSON body or raw query string in place of parsed params', () => {
    for (const v of vectors) {
      const params = v.method === 'GET' ? v.query_string_as_sent : JSON.stringify(v.body)
      const signature = computeCallbackSignature({ ...v, apiKey: v.key, params })
      expect(signature).toBe(v.expected)
    }
  })

  it('ignores a query string left on the URL', () => {
    const v = vectors.find((x) => x.method === 'POST')!
    const signature = computeCallbackSignature({
      apiKey: v.key,
      nonce: v.nonce,
      method: 'post',
      url: `${v.url}?a=1`,
      params: v.body,
    })
    expect(signature).toBe(v.expected)
  })
})

describe('verifyCallbackSignature', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('accepts the real signature of %s', (_, v) => {
    expect(
      verifyCallbackSignature({
        apiKey: v.key,
        nonce: v.nonce,
        method: v.method,
        url: v.url,
        params: paramsOf(v),
        signature: v.expected,
      })
    ).toBe(true)
  })

  const v = vectors.find((x) => x.method === 'POST' && x.name.includes('Approved'))!
  const base = { apiKey: v.key, nonce: v.nonce, method: v.method, url: v.url, params: v.body }

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['short', 'abc'],
    ['garbage of the right length', '!'.repeat(44)],
    ['a number', 12345],
    ['one character off', v.expected.slice(0, -2) + 'A='],
  ])('rejects a %s signature without throwing', (_, signature) => {
    expect(verifyCallbackSignature({ ...base, signature })).toBe(false)
  })

  it('rejects a body changed after signing', () => {
    const body = structuredClone(v.body) as { status: string }
    body.status = 'denied'
    expect(verifyCallbackSignature({ ...base, params: body, signature: v.expected })).toBe(false)
  })

  it('rejects the wrong key, nonce, method or URL', () => {
    const signature = v.expected
    expect(verifyCallbackSignature({ ...base, apiKey: 'other', signature })).toBe(false)
    expect(verifyCallbackSignature({ ...base, nonce: '1', signature })).toBe(false)
    expect(verifyCallbackSignature({ ...base, method: 'GET', signature })).toBe(false)
    expect(verifyCallbackSignature({ ...base, url: 'https://evil.example/', signature })).toBe(
      false
    )
  })

  it('rejects input that is not an object instead of throwing', () => {
    expect(verifyCallbackSignature(null as never)).toBe(false)
    expect(
      verifyCallbackSignature({ ...base, url: undefined as never, signature: v.expected })
    ).toBe(false)
  })

  it('rejects a missing nonce or key instead of throwing', () => {
    expect(verifyCallbackSignature({ ...base, nonce: undefined, signature: v.expected })).toBe(
      false
    )
    expect(verifyCallbackSignature({ ...base, apiKey: '', signature: v.expected })).toBe(false)
    expect(verifyCallbackSignature({ ...base, params: '{not json', signature: v.expected })).toBe(
      false
    )
  })
})

describe('parseRailsParams', () => {
  it('nests hashes, keeps spaces in keys and starts a new logo on a repeated key', () => {
    const params = parseRailsParams(
      'message=Hi&details%5BAccount+Number%5D=12345&details[US%20Dollar%20Amount]=%24+10' +
        '&logos[][res]=default&logos[][url]=https%3A%2F%2Fa&logos[][res]=low&logos[][url]=https%3A%2F%2Fb'
    )
    expect(params).toEqual({
      message: 'Hi',
      details: { 'Account Number': '12345', 'US Dollar Amount': '$ 10' },
      logos: [
        { res: 'default', url: 'https://a' },
        { res: 'low', url: 'https://b' },
      ],
    })
  })

  it('collects plain array values in order', () => {
    expect(parseRailsParams('a[]=1&a[]=2&b=x')).toEqual({ a: ['1', '2'], b: 'x' })
  })
})

describe('toQuery', () => {
  it('escapes a lone surrogate as U+FFFD instead of throwing', () => {
    expect(toQuery({ to: 'bob\ud800' })).toBe('to=bob%EF%BF%BD')
    expect(() =>
      computeCallbackSignature({
        apiKey: 'k',
        nonce: '1',
        method: 'POST',
        url: 'u',
        params: { a: '\udc00' },
      })
    ).not.toThrow()
  })

  it('sorts byte-wise, escapes like CGI.escape and drops empty hashes', () => {
    expect(toQuery({ b: "it's (ok)*", a: { Z: 1, a: true }, c: {}, d: [], e: null })).toBe(
      'a%5BZ%5D=1&a%5Ba%5D=true&b=it%27s+%28ok%29%2A&e='
    )
  })
})
