import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEnvFile, updateEnvFile } from '../../shared/bank/process/env-file.js'
import { joinedSettings, leaveRoom, rememberSettingsBefore } from '../../shared/kit/room-settings.js'
import type { JoinedApp } from '../../shared/sandbox/index.js'

const JOINED: JoinedApp = {
  api_url: 'http://192.168.1.20:4001',
  api_key: '0123456789abcdef0123456789abcdef',
  app_name: "Ada's bank",
  twilio_api_url: 'http://192.168.1.20:4002',
  twilio_account_sid: 'AC0123456789abcdef0123456789abcdef',
  twilio_auth_token: 'fedcba9876543210fedcba9876543210',
  twilio_api_key_sid: 'SK0123456789abcdef0123456789abcdef',
  twilio_api_key_secret: 'secret',
  twilio_from_number: '+15005550006',
  room_url: 'http://192.168.1.20:4000',
  created: true,
}

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'room-settings-'))
  return { envFile: join(dir, '.env'), dataDir: join(dir, '.data') }
}

describe('joining and leaving a room in .env', () => {
  it('leaves a .env as it was before joining, a real Authy key included, and keeps other lines', () => {
    const { envFile, dataDir } = folder()
    writeFileSync(envFile, '# mine\nPORT=4110\nAUTHY_API_KEY=my-real-key\n')
    const before = readFileSync(envFile, 'utf8')
    rememberSettingsBefore(readEnvFile(envFile), dataDir)
    updateEnvFile(envFile, joinedSettings(JOINED, { code: 'K7QX2M', name: 'Ada' }))
    expect(readEnvFile(envFile)).toMatchObject({ AUTHY_API_KEY: JOINED.api_key, ROOM_CODE: 'K7QX2M', PORT: '4110' })

    // Joining again (another room) keeps the first copy of what was there before.
    rememberSettingsBefore(readEnvFile(envFile), dataDir)
    const said = leaveRoom(envFile, dataDir)
    expect(said).toContain('Left the room: removed AUTHY_API_URL, AUTHY_API_KEY')
    expect(said).toContain('Put back what you had before joining: AUTHY_API_KEY.')
    expect(readFileSync(envFile, 'utf8')).toBe(before)
  })

  it('says so when there is no room to leave', () => {
    const { envFile, dataDir } = folder()
    writeFileSync(envFile, 'PORT=4110\n')
    expect(leaveRoom(envFile, dataDir)).toBe('Not in a room: .env has no room settings. Nothing changed.')
  })

  it('writes no Twilio settings for a room without a Twilio API: texts then stay in the own sandbox', () => {
    const settings = joinedSettings(
      { ...JOINED, twilio_api_url: null, twilio_account_sid: null, twilio_auth_token: null, twilio_from_number: null },
      { code: 'K7QX2M', name: 'Ada' }
    )
    expect(settings.TWILIO_ACCOUNT_SID).toBeUndefined()
    expect(settings.AUTHY_API_KEY).toBe(JOINED.api_key)
  })
})
