// Real Authy callbacks and the signatures Authy put on them (test/fixtures/signature-vectors.json).
import { readFileSync } from 'node:fs'

export interface SignatureVector {
  name: string
  key: string
  nonce: string
  method: 'POST' | 'GET'
  url: string
  /** The `X-Authy-Signature` Authy sent. */
  expected: string
  /** The JSON body of a POST callback. */
  body?: unknown
  /** The query string of a GET callback, exactly as sent. */
  query_string_as_sent?: string
}

export const SIGNATURE_VECTORS: readonly SignatureVector[] = JSON.parse(
  readFileSync(new URL('../../fixtures/signature-vectors.json', import.meta.url), 'utf8')
)

/**
 * The vector with this name; throws for a name the fixture does not have.
 *
 * @example
 * const post = signatureVector('testValidSignatureApprovedPost')
 */
export function signatureVector(name: string): SignatureVector {
  const vector = SIGNATURE_VECTORS.find((candidate) => candidate.name === name)
  if (!vector) throw new Error(`test/fixtures/signature-vectors.json has no vector "${name}"`)
  return vector
}
