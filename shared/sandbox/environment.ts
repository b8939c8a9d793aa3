import { isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'

/** Where `npm run sandbox` listens and keeps its data. */
export interface SandboxSettings {
  port: number
  /** SANDBOX_TWILIO_PORT: where the Twilio API answers. */
  twilioPort: number
  /** SANDBOX_VERIFY_PORT: where the Verify API answers. */
  verifyPort: number
  host: string
  /** SANDBOX_API_KEY; without it, the data folder's own key (`sandbox-api-key` in `dataDir`). */
  apiKey: string | undefined
  /** TWILIO_AUTH_TOKEN; without it, the data folder's own token (`twilio-auth-token`). */
  twilioAuthToken: string | undefined
  /** VERIFY_ACCOUNT_SID; without it, the Messages account's (`SANDBOX_ACCOUNT_SID`). */
  verifyAccountSid: string | undefined
  /** VERIFY_AUTH_TOKEN; without it, the Messages account's token. */
  verifyAuthToken: string | undefined
  dataDir: string
  dataFile: string
}

/**
 * A bad environment variable; the message names it and says how to fix it.
 *
 * @example
 * if (error instanceof SandboxEnvironmentError) console.error(error.message)
 */
export class SandboxEnvironmentError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SandboxEnvironmentError'
  }
}

export const DEFAULT_SANDBOX_PORT = 4200
export const DEFAULT_SANDBOX_TWILIO_PORT = 4202
export const DEFAULT_SANDBOX_VERIFY_PORT = 4203
export const DEFAULT_SANDBOX_HOST = '127.0.0.1'
/** Relative to the repository root. */
export const DEFAULT_SANDBOX_DATA_DIR = '.data/sandbox'
export const SANDBOX_DATA_FILE_NAME = 'sandbox.json'
/** The file in the data folder that keeps its own Twilio Auth Token. */
export const TWILIO_AUTH_TOKEN_FILE = 'twilio-auth-token'

const port = (example: string) => {
  const mustBe = `must be a whole number between 0 and 65535, e.g. ${example}`
  return z
    .string()
    .regex(/^\d{1,5}$/, mustBe)
    .transform(Number)
    .refine((port) => port <= 65535, mustBe)
    .optional()
}

const SCHEMA = z.object({
  SANDBOX_PORT: port('SANDBOX_PORT=4200'),
  SANDBOX_TWILIO_PORT: port('SANDBOX_TWILIO_PORT=4202'),
  SANDBOX_VERIFY_PORT: port('SANDBOX_VERIFY_PORT=4203'),
  SANDBOX_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address, e.g. 127.0.0.1 or 0.0.0.0')
    .optional(),
  SANDBOX_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{8,200}$/, 'must be 8 to 200 visible ASCII characters without spaces')
    .optional(),
  SANDBOX_DATA_DIR: z.string().min(1, 'must be a folder path, e.g. .data/sandbox').optional(),
  TWILIO_AUTH_TOKEN: z
    .string()
    .regex(/^\S{16,200}$/, 'must be 16 to 200 characters without spaces')
    .optional(),
  VERIFY_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC and 32 hexadecimal characters, e.g. AC5a4d0b0c5a4d0b0c5a4d0b0c5a4d0b0c')
    .optional(),
  VERIFY_AUTH_TOKEN: z
    .string()
    .regex(/^\S{16,200}$/, 'must be 16 to 200 characters without spaces')
    .optional(),
})

/**
 * Reads SANDBOX_PORT, SANDBOX_TWILIO_PORT, SANDBOX_VERIFY_PORT, SANDBOX_HOST, SANDBOX_API_KEY,
 * SANDBOX_DATA_DIR, TWILIO_AUTH_TOKEN, VERIFY_ACCOUNT_SID and VERIFY_AUTH_TOKEN (empty counts as
 * unset), with the defaults 4200, 4202, 4203, 127.0.0.1, the data folder's own key,
 * `.data/sandbox` under `root`, the data folder's own token, and for Verify the Messages
 * account's SID and token. Throws
 * {@link SandboxEnvironmentError} naming a bad variable.
 *
 * @example
 * readSandboxSettings(process.env, '/work/main') // { port: 4200, host: '127.0.0.1', ... }
 */
export function readSandboxSettings(env: NodeJS.ProcessEnv, root: string): SandboxSettings {
  const present = Object.fromEntries(
    Object.keys(SCHEMA.shape).map((name) => [name, env[name]?.trim() || undefined])
  )
  const result = SCHEMA.safeParse(present)
  if (!result.success) {
    const issue = result.error.issues[0]
    const name = String(issue.path[0])
    throw new SandboxEnvironmentError(
      `${name}=${JSON.stringify(present[name])} is not valid: ${name} ${issue.message}. ` +
        `Fix it in .env or before the command (e.g. ${name}=... npm run sandbox), ` +
        `or unset it to use the default.`
    )
  }
  const values = result.data
  const given = values.SANDBOX_DATA_DIR ?? DEFAULT_SANDBOX_DATA_DIR
  const dataDir = isAbsolute(given) ? given : resolve(root, given)
  return {
    port: values.SANDBOX_PORT ?? DEFAULT_SANDBOX_PORT,
    twilioPort: values.SANDBOX_TWILIO_PORT ?? DEFAULT_SANDBOX_TWILIO_PORT,
    verifyPort: values.SANDBOX_VERIFY_PORT ?? DEFAULT_SANDBOX_VERIFY_PORT,
    host: values.SANDBOX_HOST ?? DEFAULT_SANDBOX_HOST,
    apiKey: values.SANDBOX_API_KEY,
    twilioAuthToken: values.TWILIO_AUTH_TOKEN,
    verifyAccountSid: values.VERIFY_ACCOUNT_SID,
    verifyAuthToken: values.VERIFY_AUTH_TOKEN,
    dataDir,
    dataFile: join(dataDir, SANDBOX_DATA_FILE_NAME),
  }
}
