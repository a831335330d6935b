import type { Instruction } from 'dockerfile-ast';

interface RawArgumentsReader {
  getRawArguments(): unknown[];
}

/**
 * dockerfile-ast scans an instruction's text again on every
 * `getRawArguments()` call, and `getArguments`, `getArgumentsRange(s)`,
 * `getArgumentsContent`, `getFlags`, `getProperties` and `getHeredocs` each
 * call it. Its result depends only on the document text, which never
 * changes, so it is computed once per instruction; every call still gets
 * its own copy of the array (`ModifiableInstruction.getArguments` shifts
 * the flags off the array it receives).
 *
 * The `Argument` objects are shared between calls. Of dockerfile-ast's
 * methods only FROM's `getImageNameRange` and `getRegistryRange` modify an
 * argument's range; the analyzer never calls them, and the memoized nodes
 * never leave parseDockerfile.
 */
export function memoizeArguments(node: Instruction): void {
  const reader = node as unknown as RawArgumentsReader;
  const read = reader.getRawArguments;
  if (typeof read !== 'function') return;
  let cached: unknown[] | null = null;
  reader.getRawArguments = function getRawArguments(this: unknown) {
    cached ??= read.call(this);
    return cached.slice();
  };
}
