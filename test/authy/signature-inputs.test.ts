import { describe, expect, it } from 'vitest'
import { computeCallbackSignature, verifyCallbackSignature } from '../../shared/authy/signature.js'
import { signatureVector } from './support/signature-vectors.js'

// The shapes a callback's parts may arrive in, and the ones refused even when the signature
// matches them. Signatures here are computed with the real function, so a refusal is the input
// check speaking, never a mismatch.

const post = signatureVector('testValidSignatureApprovedPost')
const get = signatureVector('testValidSignatureApprovedGet')
const genuine = {
  apiKey: post.key,
  nonce: post.nonce,
  method: post.method,
  url: post.url,
  params: post.body,
  signature: post.expected,
}

describe('computeCallbackSignature, given the parts in other shapes', () => {
  it('signs a GET callback given as URLSearchParams like its query string', () => {
    const signature = computeCallbackSignature({
      apiKey: get.key,
      nonce: get.nonce,
      method: 'GET',
      url: get.url,
      params: new URLSearchParams(get.query_string_as_sent),
    })
    expect(signature).toBe(get.expected)
  })

  it.each([
    ['an empty', ''],
    ['a blank', ' \n\t'],
  ])('signs %s raw POST body as an empty object', (_, body) => {
    const input = { apiKey: 'k', nonce: '1700000000', method: 'POST', url: 'https://bank.example/' }
    expect(computeCallbackSignature({ ...input, params: body })).toBe(
      computeCallbackSignature({ ...input, params: {} })
    )
  })
})

describe('verifyCallbackSignature, given parts of the wrong kind', () => {
  it('accepts a nonce given as a number of seconds', () => {
    expect(verifyCallbackSignature({ ...genuine, nonce: Number(post.nonce) })).toBe(true)
  })

  it.each([
    ['a nonce given as a list', { nonce: [post.nonce] }],
    ['a method given as a list', { method: [post.method] }],
    ['a URL given as a String object', { url: new String(post.url) }],
    ['a key given as bytes', { apiKey: Buffer.from(post.key) }],
  ])('refuses %s, even one that reads as the signed value', (_, wrong) => {
    expect(verifyCallbackSignature({ ...genuine, ...(wrong as object) })).toBe(false)
  })

  it.each([
    ['an empty nonce', { nonce: '' }],
    ['an empty key', { apiKey: '' }],
  ])('refuses %s, even with a signature made with it', (_, empty) => {
    const signature = computeCallbackSignature({ ...genuine, ...empty })
    expect(verifyCallbackSignature({ ...genuine, ...empty, signature })).toBe(false)
  })

  it('refuses the right fields carried by something that is not an object', () => {
    const carrier = Object.assign(() => undefined, genuine)
    expect(verifyCallbackSignature(carrier as never)).toBe(false)
  })
})
