import { runCli } from '../runCli';

/** Runs `buildcache <argv…>` in `cwd`, capturing stdout, stderr and the exit code. */
export async function runCliCapturing(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: t => (stdout += t),
    stderr: t => (stderr += t),
    cwd,
  });
  return { code, stdout, stderr };
}
