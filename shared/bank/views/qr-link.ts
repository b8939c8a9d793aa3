import encodeQR from 'qr'

/** A link to open on a phone (a sandbox phone page, the room's bank), with its QR code. */
export interface QrLink {
  url: string
  /** `data:image/svg+xml;base64,…` */
  qrDataUrl: string
  /** True when the link points at this machine only (127.0.0.1), so a real phone cannot open it. */
  loopbackOnly: boolean
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/

/**
 * A link and its QR code, or undefined when the URL is not plain http(s)
 * (it goes into an `href`, so a `javascript:` URL must never get through).
 *
 * @example
 * qrLink('http://127.0.0.1:4001/phone/abc')?.qrDataUrl // 'data:image/svg+xml;base64,…'
 */
export function qrLink(url: string): QrLink | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined
  const svg = encodeQR(parsed.href, 'svg', { ecc: 'medium', border: 2 })
  return {
    url: parsed.href,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    loopbackOnly: LOOPBACK.test(parsed.hostname),
  }
}
