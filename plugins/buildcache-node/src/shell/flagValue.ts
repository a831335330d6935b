import type { PackageManagerCall } from './packageManagers';

/**
 * The value of the first of `names` given to a package-manager call, as
 * `--name value`, `-n value` or `--name=value`; undefined when absent.
 */
export function flagValue(
  call: PackageManagerCall,
  ...names: string[]
): string | undefined {
  const args = call.args;
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    for (const n of names) {
      if (t === n && i + 1 < args.length) return args[i + 1].text;
      if (n.startsWith('--') && t.startsWith(`${n}=`))
        return t.slice(n.length + 1);
    }
  }
  return undefined;
}
