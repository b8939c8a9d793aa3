// The GSM 03.38 alphabet: a text written only with it is sent 7 bits a character; the extension
// characters take two.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENSION = '^{}\\[~]|€\f'
const GSM_CHARACTERS = new Set([...GSM_BASIC])
const GSM_DOUBLE = new Set([...GSM_EXTENSION])

/**
 * How many SMS segments a body takes, as carriers count them: GSM-7 text fits 160 characters in
 * one segment and 153 in each of several; anything else (an emoji, most non-Latin scripts) is
 * UCS-2, 70 and 67 UTF-16 units. An empty body (a text with media only) is one.
 *
 * @example
 * smsSegments('You did it! Signup complete :)') // 1
 * smsSegments('Hello! 👍'.repeat(10)) // 2
 */
export function smsSegments(body: string): number {
  const characters = [...body]
  if (characters.every((c) => GSM_CHARACTERS.has(c) || GSM_DOUBLE.has(c))) {
    const septets = characters.reduce((sum, c) => sum + (GSM_DOUBLE.has(c) ? 2 : 1), 0)
    return septets <= 160 ? 1 : Math.ceil(septets / 153)
  }
  return body.length <= 70 ? 1 : Math.ceil(body.length / 67)
}
