import { TextFile } from '../model/text';

/**
 * Parses shared by the analyses of one repository. Checking a fix and
 * combining fixes analyze the repository again with one file changed; the
 * other files' texts, Dockerfile models and YAML documents are the same
 * and are taken from here instead of being parsed again (the parse was
 * about 70 % of an analysis in the org scan). What is shared is never
 * changed after it is built: rules only read models, and CI models (which
 * linking writes to) are built anew from the shared YAML each time.
 * `checkSinglePass` (testing/fixClosureCheck.ts) compares the results with
 * and without sharing on every corpus, example and fixture case.
 */
export interface ParseCache {
  /** The file `path` with `text`: one instance per distinct pair. */
  textFile(path: string, text: string): TextFile;
  /** `parse(file)`, once per file and `kind` of parse. */
  parsed<T>(file: TextFile, kind: ParseKind, parse: (file: TextFile) => T): T;
}

export type ParseKind = 'dockerfile' | 'yaml';

/** A cache for the analyses of one repository (dropped with it). */
export function createParseCache(): ParseCache {
  const files = new Map<string, TextFile>();
  const results = new WeakMap<TextFile, Map<ParseKind, unknown>>();
  return {
    textFile(path, text) {
      const key = `${path}\u0000${text}`;
      let file = files.get(key);
      if (!file) {
        file = new TextFile(path, text);
        files.set(key, file);
      }
      return file;
    },
    parsed<T>(file: TextFile, kind: ParseKind, parse: (f: TextFile) => T) {
      let byKind = results.get(file);
      if (!byKind) {
        byKind = new Map();
        results.set(file, byKind);
      }
      if (!byKind.has(kind)) byKind.set(kind, parse(file));
      return byKind.get(kind) as T;
    },
  };
}
