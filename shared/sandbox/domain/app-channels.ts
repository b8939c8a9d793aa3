import { callsDisabled, smsDisabled } from './error-answers.js'
import type { StoredApp } from './store-schema.js'

/**
 * Refuses to send by a channel the application has switched off: 60007 for SMS, 60006 for voice
 * calls (SMS tokens, call tokens and phone verifications alike).
 *
 * @example
 * assertChannelEnabled(store.data.app, 'sms') // throws 400 / 60007 while SMS is off
 */
export function assertChannelEnabled(app: StoredApp, channel: 'sms' | 'call'): void {
  if (channel === 'sms' && !app.sms_enabled) throw smsDisabled()
  if (channel === 'call' && !app.calls_enabled) throw callsDisabled()
}

/**
 * Switches SMS and voice calls on or off for the application (an undefined setting is left as
 * it is). Returns a log line per change.
 *
 * @example
 * setChannels(store.data.app, { sms: false }) // ['SMS is now switched off for the application.']
 */
export function setChannels(
  app: StoredApp,
  settings: { sms?: boolean; calls?: boolean }
): string[] {
  const lines: string[] = []
  const onOff = (on: boolean) => (on ? 'on' : 'off')
  if (settings.sms !== undefined && settings.sms !== app.sms_enabled) {
    app.sms_enabled = settings.sms
    lines.push(`SMS is now switched ${onOff(settings.sms)} for the application.`)
  }
  if (settings.calls !== undefined && settings.calls !== app.calls_enabled) {
    app.calls_enabled = settings.calls
    lines.push(`Voice calls are now switched ${onOff(settings.calls)} for the application.`)
  }
  return lines
}
