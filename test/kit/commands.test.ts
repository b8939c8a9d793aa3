import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findRegions } from '../../shared/steps/regions.js'
import { starterBody, stepGuide } from '../../shared/steps/guide.js'
import { REPO_ROOT } from '../../shared/kit/target.js'
import { makeTarget } from './make-target.js'

// The attendee's commands, run as real processes the way `npm run …` runs them.

function kit(command: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', `shared/kit/${command}-cli.ts`, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  })
}

describe('npm run hint', () => {
  it('prints with --all what a step teaches, where it is, and its hints ending with the code', () => {
    const target = makeTarget({}, 'workshop')
    const result = kit('hint', ['2', '--all', '--dir', target.dir])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Step 2 of 8 (module 1): Send the approval request')
    expect(result.stdout).toContain('workshop/steps/2-send-approval-request.ts:')
    expect(result.stdout).toContain('Hint 1 of 4:')
    expect(result.stdout).toContain('Hint 4 of 4, the answer')
    expect(result.stdout).toContain('authy.createApprovalRequest({')
  })

  it('gives one more hint per call, per step, and the answer last, saying it is the answer', () => {
    const target = makeTarget({}, 'workshop')
    const hint = (step: string) => kit('hint', [step, '--dir', target.dir]).stdout
    const first = hint('2')
    expect(first).toContain('Hint 1 of 4:')
    expect(first).not.toContain('Hint 2 of 4:')
    expect(first).toContain('Run `npm run hint -- 2` again for the next hint (3 more')
    expect(hint('2')).toContain('Hint 2 of 4:')
    expect(hint('3')).not.toContain('Hint 2 of')
    expect(hint('2')).not.toContain('the answer (use it')
    const last = hint('2')
    expect(last).toContain('Hint 4 of 4, the answer (use it only if you are really stuck):')
    expect(last).toContain('authy.createApprovalRequest({')
    expect(last).toContain('That was every hint for step 2')
    expect(hint('2')).toContain('Hint 4 of 4, the answer')
  })

  it('explains how to ask for a hint when the step number is wrong', () => {
    const result = kit('hint', ['9'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain(
      '"9" is not a step. The steps are 1 to 8; for example: npm run hint -- 1'
    )
  })
})

describe('npm run diff', () => {
  it("shows the attendee's region next to the solution's", () => {
    const result = kit('diff', ['3'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('workshop/steps/3-wait-for-approval.ts:')
    expect(result.stdout).toContain('solution/steps/3-wait-for-approval.ts:')
    expect(result.stdout).toContain('return stepNotDone(3)')
    expect(result.stdout).toContain('authy.getApprovalRequest({ uuid: transfer.approvalUuid })')
  })

  it('shows with --provider verify the finished Authy step beside its Twilio Verify equivalent', () => {
    const result = kit('diff', ['2', '--provider', 'verify'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('solution/steps/2-send-approval-request.ts:')
    expect(result.stdout).toContain('shared/bank/provider/verify/transfer-approval.ts:')
    expect(result.stdout).toContain('authy.createApprovalRequest({')
    expect(result.stdout).toContain('challenges.create({')
    expect(result.stdout).toContain("'details.fields': [")
    for (const step of ['1', '3', '4', '5', '6', '7', '8'])
      expect(kit('diff', [step, '--provider', 'verify']).status).toBe(0)
  })

  it('refuses a provider it does not have, saying which it has', () => {
    const result = kit('diff', ['2', '--provider', 'okta'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--provider verify')
  })
})

describe('npm run reset', () => {
  it('puts one step region back as the starter has it, keeping a backup and the other steps', () => {
    const target = makeTarget()
    const before = readFileSync(target.stepFile(2), 'utf8')
    const otherBefore = readFileSync(target.stepFile(3), 'utf8')

    const result = kit('reset', ['2', '--dir', target.dir])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Step 2 in')

    const after = readFileSync(target.stepFile(2), 'utf8')
    expect(findRegions(after)[0]!.body).toEqual(starterBody(stepGuide(2)))
    expect(readFileSync(target.stepFile(3), 'utf8')).toBe(otherBefore)
    const backups = join(dirname(target.dir), '.data', 'backups')
    const [backup] = readdirSync(backups).filter((name) =>
      name.startsWith(`2-send-approval-request.ts.`)
    )
    expect(readFileSync(join(backups, backup!), 'utf8')).toBe(before)
  })

  it('says how to bring the previous version back, and --undo brings it back', () => {
    const target = makeTarget()
    const before = readFileSync(target.stepFile(2), 'utf8')
    const reset = kit('reset', ['2', '--dir', target.dir])
    expect(reset.stdout).toContain('To bring it back: npm run reset -- 2 --undo')
    const undo = kit('reset', ['2', '--undo', '--dir', target.dir])
    expect(undo.status).toBe(0)
    expect(undo.stdout).toContain('is back as it was before the reset')
    expect(readFileSync(target.stepFile(2), 'utf8')).toBe(before)
  })

  it('will not undo over a step changed since the reset, and says where the backup is', () => {
    const target = makeTarget()
    kit('reset', ['3', '--dir', target.dir])
    const file = target.stepFile(3)
    writeFileSync(file, readFileSync(file, 'utf8').replace('return stepNotDone(3)', 'return'))
    const changed = readFileSync(file, 'utf8')
    const undo = kit('reset', ['3', '--undo', '--dir', target.dir])
    expect(undo.status).toBe(1)
    expect(undo.stderr).toContain('has changed since it was reset')
    expect(undo.stderr).toContain('.bak')
    expect(readFileSync(file, 'utf8')).toBe(changed)
  })

  it('says so when there is nothing to reset, and names the fix when the markers are gone', () => {
    const target = makeTarget({}, 'workshop')
    expect(kit('reset', ['1', '--dir', target.dir]).stdout).toContain('nothing to reset')
    writeFileSync(target.stepFile(1), 'export const registerUser = async () => 1\n')
    const result = kit('reset', ['1', '--dir', target.dir])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('git checkout --')
  })
})

describe('npm run check', () => {
  it('exits 0 for the solution and 1 for the untouched starter, with its 🚨 message', () => {
    const solution = kit('check', ['--target', 'solution'])
    expect(solution.status).toBe(0)
    expect(solution.stdout).toContain('All 8 steps of solution/ are done.')
    const starter = kit('check', [])
    expect(starter.status).toBe(1)
    expect(starter.stdout).toContain('🚨 Step 1 is not done: Register the user with Authy')
    expect(starter.stdout).toContain('0 of 8 steps done.')
  })

  it('refuses an unknown option with its usage', () => {
    const result = kit('check', ['--wach'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('Usage: npm run check')
  })

  it('checks again on save and on Enter in watch mode, and stops on Ctrl+C', async () => {
    const target = makeTarget({}, 'workshop')
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'shared/kit/check-cli.ts', '--watch', '--target', target.dir],
      {
        cwd: REPO_ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      }
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const waitFor = async (text: string, times = 1) => {
      for (let waited = 0; waited < 30_000; waited += 100) {
        if (output.split(text).length - 1 >= times) return
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error(`Timed out waiting for "${text}" in:\n${output}`)
    }

    await waitFor('0 of 8 steps done.')
    await waitFor('👀 Watching')
    const solved = readFileSync(join(REPO_ROOT, 'solution', stepGuide(1).file), 'utf8')
    writeFileSync(target.stepFile(1), solved.replaceAll("'../../shared/", `'${REPO_ROOT}shared/`))
    await waitFor('1 of 8 steps done.')
    await waitFor('👀 Watching', 2)
    child.stdin.write('\n')
    await waitFor('1 of 8 steps done.', 2)

    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGINT')
    expect(await exit).toBe(0)
    expect(existsSync(target.stepFile(1))).toBe(true)
    // Its output is a pipe, not a terminal: no screen clearing written into it.
    expect(output).not.toContain('\x1B')
  })
})
