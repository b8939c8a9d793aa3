/**
 * Hides a secret for logs and pages, keeping only its last four characters.
 *
 * @example
 * maskSecret('sandbox-dev-key-0123456789abcdef') // '…cdef'
 */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '…' : `…${secret.slice(-4)}`
}

/**
 * Replaces every occurrence of each secret in a line of text with its masked form.
 *
 * @example
 * redactSecrets('key=abcdef0123456789', ['abcdef0123456789']) // 'key=…6789'
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(maskSecret(secret))
  }
  return result
}

/**
 * An account number for logs: only its last four digits.
 *
 * @example
 * maskAccountNumber('12345678') // '…5678'
 */
export function maskAccountNumber(accountNumber: string): string {
  return `…${accountNumber.slice(-4)}`
}
