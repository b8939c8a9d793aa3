// Stryker's build command, run inside its sandbox (a copy of the work tree without .git): makes the
// copy a git repository of its own with every file staged, so that the author gate's test, which
// compares workshop/ and solution/ with the files git tracks, sees the same files there as here.
import { execFileSync } from 'node:child_process'

execFileSync('git', ['init', '--quiet'])
execFileSync('git', ['add', '--all'])
