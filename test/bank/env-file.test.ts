import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEnvFile, updateEnvFile } from '../../shared/bank/process/env-file.js'

const envFile = (text?: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'env-file-')), '.env')
  if (text !== undefined) writeFileSync(file, text)
  return file
}

describe('updating a .env file', () => {
  it('replaces a set variable in place, keeps comments and other lines, and appends new ones', () => {
    const file = envFile('# mine\nPORT=4010\n# AUTHY_API_KEY=example\nAUTHY_API_KEY=old\n')
    updateEnvFile(file, { AUTHY_API_KEY: 'new-key', ROOM_CODE: 'K7QX2M' })
    expect(readFileSync(file, 'utf8')).toBe(
      '# mine\nPORT=4010\n# AUTHY_API_KEY=example\nAUTHY_API_KEY=new-key\nROOM_CODE=K7QX2M\n'
    )
  })

  it('removes a variable given as undefined, every line of it', () => {
    const file = envFile('ROOM_URL=a\nPORT=1\nROOM_URL=b\n')
    updateEnvFile(file, { ROOM_URL: undefined })
    expect(readFileSync(file, 'utf8')).toBe('PORT=1\n')
  })

  it('makes the file when there is none', () => {
    const file = envFile()
    updateEnvFile(file, { ROOM_NAME: 'Ada' })
    expect(readEnvFile(file)).toEqual({ ROOM_NAME: 'Ada' })
  })

  it('quotes values so that Node reads back exactly what was written', () => {
    const file = envFile()
    const names = ['Ada Lovelace', 'Ada "the first"', `O'Brien "Pat"`, 'a#b', ' spaced ']
    for (const name of names) {
      updateEnvFile(file, { ROOM_NAME: name })
      expect(readEnvFile(file).ROOM_NAME).toBe(name)
    }
  })

  it('refuses a value no quotes can hold, naming it', () => {
    expect(() => updateEnvFile(envFile(), { ROOM_NAME: 'a"b\'c`d' })).toThrow('cannot be written in a .env file')
  })
})
