// `npm run check`: checks each step of workshop/ (or --target solution) against a fresh sandbox.
// `--watch` checks again on every save (press Enter to check by hand when file events don't work).
import { spawn, type ChildProcess } from 'node:child_process'
import { watch } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { formatReport } from './check-report.js'
import { runChecks } from './run-checks.js'
import { REPO_ROOT, resolveTarget, type Target } from './target.js'
import { clearScreen } from './terminal.js'

const USAGE = `Usage: npm run check [-- --watch] [-- --target workshop|solution] [-- --all]
  --watch            check again every time you save a step file
  --target solution  check the finished app instead of your workshop/
  --all              explain every step that is not done, not only the first`

function main(): void {
  let options: { watch?: boolean; target: string; all?: boolean; watching?: boolean }
  try {
    const { values } = parseArgs({
      options: {
        watch: { type: 'boolean' },
        target: { type: 'string', default: 'workshop' },
        all: { type: 'boolean' },
        // Set by --watch on the checks it runs, so the report says saving checks again.
        watching: { type: 'boolean' },
      },
    })
    options = values as typeof options
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  let target: Target
  try {
    target = resolveTarget(options.target)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(2)
  }
  if (options.watch) watchAndCheck(target, Boolean(options.all))
  else void checkOnce(target, { all: options.all, watching: options.watching })
}

async function checkOnce(
  target: Target,
  options: { all?: boolean; watching?: boolean }
): Promise<void> {
  console.log(`Checking ${target.name}/ step by step against a fresh Authy sandbox…\n`)
  const results = await runChecks(target)
  console.log(formatReport(results, target, options))
  process.exit(results.every((result) => result.passed) ? 0 : 1)
}

function watchAndCheck(target: Target, all: boolean): void {
  const stepsDir = `${target.dir}/steps`
  let child: ChildProcess | undefined
  let again = false

  const run = () => {
    if (child) {
      again = true
      return
    }
    // A fresh screen for each check, where the terminal wants one; elsewhere a blank line.
    process.stdout.write(clearScreen(process.stdout, process.env) || '\n')
    const args = [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--target',
      target.dir,
      '--watching',
    ]
    if (all) args.push('--all')
    child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.on('exit', () => {
      child = undefined
      console.log(
        `\n👀 Watching ${target.name}/steps/: save a step file to check again, or press Enter. Ctrl+C to stop.`
      )
      if (again) {
        again = false
        run()
      }
    })
  }

  let timer: NodeJS.Timeout | undefined
  try {
    watch(stepsDir, () => {
      clearTimeout(timer)
      timer = setTimeout(run, 300)
    })
  } catch {
    console.log(
      'File changes cannot be watched on this machine: press Enter to check again after saving.'
    )
  }
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim().toLowerCase() === 'q') process.exit(0)
    run()
  })
  const stop = () => {
    child?.kill()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  run()
}

main()
