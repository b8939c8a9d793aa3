import encodeQR from 'qr'

/**
 * A QR code for a terminal, two modules per character (Unicode half blocks), so a phone camera
 * can open the link straight from the screen.
 *
 * @example
 * console.log(terminalQr('http://192.168.1.20:4200/phone/abc'))
 */
export function terminalQr(text: string): string {
  return encodeQR(text, 'ascii', { ecc: 'low', border: 2 })
}
