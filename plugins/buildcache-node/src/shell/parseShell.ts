/**
 * A small POSIX-shell reader: enough to find simple commands and their words
 * in RUN instructions and CI script lines. It never executes or expands
 * anything; `$VAR` and `$(…)` stay in the word text. Redirections (`2>&1`,
 * `> /dev/null`, `<<EOF`…) and their targets are not words of the command;
 * `case` patterns are not commands, the commands of its branches are.
 *
 * Why not a full shell parser: the analyzer is synchronous and keeps exact
 * offsets into the Dockerfile. mvdan-sh (GopherJS) is deprecated by its
 * author in favour of sh-syntax, whose WASM API is asynchronous, and
 * bash-parser is unmaintained; the subset needed here stays small and is
 * tested in parseShell.test.ts.
 */

import { tokenize } from './tokenizeShell';

/** One shell word; offsets are into the script given to {@link parseShellScript}. @public */
export interface ShellWord {
  /** The word with quotes and backslash escapes removed. */
  text: string;
  start: number;
  end: number;
  /** True when any part of the word was quoted. */
  quoted: boolean;
}

/** A redirection: its operator as written (`>`, `2>>`, `&>`…) and its target word. @public */
export interface ShellRedirect {
  op: string;
  target: ShellWord | null;
}

/** A simple command: leading `NAME=value` assignments, then the words. @public */
export interface ShellCommand {
  assignments: { name: string; value: string }[];
  /** All words after the assignments, wrappers (sudo, env, nice…) removed. */
  words: ShellWord[];
  /** Basename of the first word, e.g. `apt-get` for `/usr/bin/apt-get`. */
  program: string | null;
  start: number;
  end: number;
  /** Redirections of the command (`>`, `2>&1`, `<<EOF`…) with their targets. */
  redirects: ShellRedirect[];
  /** The operator that ended this command (`&&`, `||`, `;`, `|`, `&`, newline or end); redirections are not operators. */
  terminator: string;
  /** True when a wrapper (`sudo`, `doas`, `gosu`, `su-exec`) runs it as another user, whose home is then unknown. */
  switchesUser?: boolean;
}
const LEADING_KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
  'exec',
  'command',
  'nohup',
]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i < 0 ? word : word.slice(i + 1);
}

/** Drops `sudo [-E] [-u user]`, `env [-i] [NAME=v]…`, `nice [-n N]` and similar wrappers. */
function stripWrappers(
  words: ShellWord[],
  assignments: { name: string; value: string }[],
  switched: { user: boolean } = { user: false },
): ShellWord[] {
  let w = words;
  for (let guard = 0; guard < 8 && w.length > 0; guard++) {
    const prog = basename(w[0].text);
    if (LEADING_KEYWORDS.has(w[0].text)) {
      w = w.slice(1);
    } else if (
      prog === 'sudo' ||
      prog === 'doas' ||
      prog === 'gosu' ||
      prog === 'su-exec'
    ) {
      switched.user = true;
      let k = 1;
      while (k < w.length && w[k].text.startsWith('-')) {
        k += /^-(u|g|C|D|h|p|r|t|U)$/.test(w[k].text) ? 2 : 1;
      }
      // gosu / su-exec take a user first
      if (prog === 'gosu' || prog === 'su-exec') k++;
      w = w.slice(k);
    } else if (prog === 'env') {
      let k = 1;
      while (k < w.length) {
        const m = ASSIGNMENT.exec(w[k].text);
        if (m) {
          assignments.push({ name: m[1], value: m[2] });
          k++;
        } else if (w[k].text.startsWith('-')) {
          k += /^-(u|C|S)$/.test(w[k].text) ? 2 : 1;
        } else break;
      }
      w = w.slice(k);
    } else if (prog === 'nice' || prog === 'ionice' || prog === 'stdbuf') {
      let k = 1;
      while (k < w.length && w[k].text.startsWith('-'))
        k += /^-(n|c)$/.test(w[k].text) ? 2 : 1;
      w = w.slice(k);
    } else {
      break;
    }
  }
  return w;
}

function buildCommand(
  words: ShellWord[],
  redirects: ShellRedirect[],
  terminator: string,
  fallbackStart: number,
): ShellCommand | null {
  const assignments: { name: string; value: string }[] = [];
  let k = 0;
  // `if`, `then` … may precede assignments too
  while (k < words.length && LEADING_KEYWORDS.has(words[k].text)) k++;
  while (k < words.length) {
    const m = ASSIGNMENT.exec(words[k].text);
    if (!m || words[k].text.startsWith('=')) break;
    assignments.push({ name: m[1], value: m[2] });
    k++;
  }
  const switched = { user: false };
  const rest = stripWrappers(words.slice(k), assignments, switched);
  if (words.length === 0 && redirects.length === 0) return null;
  return {
    ...(switched.user ? { switchesUser: true } : {}),
    assignments,
    redirects,
    words: rest,
    program: rest.length > 0 ? basename(rest[0].text) : null,
    start: words.length > 0 ? words[0].start : fallbackStart,
    end: words.length > 0 ? words[words.length - 1].end : fallbackStart,
    terminator,
  };
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

/**
 * Splits a script into simple commands. `sh -c '…'` arguments are read too
 * (their offsets point inside the quoted string, approximately).
 * @public
 */
export function parseShellScript(script: string, depth = 0): ShellCommand[] {
  const tokens = tokenize(script);
  const commands: ShellCommand[] = [];
  let current: ShellWord[] = [];
  let redirects: ShellRedirect[] = [];
  const flush = (terminator: string, at: number) => {
    const cmd = buildCommand(current, redirects, terminator, at);
    current = [];
    redirects = [];
    if (!cmd) return;
    commands.push(cmd);
    if (depth < 2 && cmd.program && SHELLS.has(cmd.program)) {
      const c = cmd.words.findIndex(w => /^-[a-z]*c[a-z]*$/.test(w.text));
      const inner = c >= 0 ? cmd.words[c + 1] : undefined;
      if (inner) {
        const offset = inner.start + (inner.quoted ? 1 : 0);
        for (const sub of parseShellScript(inner.text, depth + 1)) {
          commands.push(shift(sub, offset));
        }
      }
    }
  };
  // `case WORD in PATTERN) commands ;; … esac`: patterns are not commands
  const cases: Array<'head' | 'pattern' | 'body'> = [];
  let pending: ShellRedirect | null = null;
  for (const t of tokens) {
    const state = cases[cases.length - 1];
    if (t.kind === 'redirect') {
      pending = { op: t.op, target: null };
      redirects.push(pending);
      continue;
    }
    if (t.kind === 'word') {
      if (pending) {
        pending.target = t.word;
        pending = null;
        continue;
      }
      const keyword = t.word.quoted ? null : t.word.text;
      if (state === 'head') {
        if (keyword === 'in') cases[cases.length - 1] = 'pattern';
        continue;
      }
      if (state === 'pattern') {
        if (keyword === 'esac') cases.pop();
        continue;
      }
      if (current.length === 0 && keyword === 'case') {
        cases.push('head');
        continue;
      }
      if (state === 'body' && current.length === 0 && keyword === 'esac') {
        cases.pop();
        continue;
      }
      current.push(t.word);
      continue;
    }
    pending = null;
    if (state === 'head' && t.op === '\n') continue;
    if (state === 'pattern') {
      // `|` between alternatives, `(` before, `)` after a pattern
      if (t.op === ')') cases[cases.length - 1] = 'body';
      continue;
    }
    if (
      state === 'body' &&
      (t.op === ';;' || t.op === ';&' || t.op === ';;&')
    ) {
      flush(';', t.start);
      cases[cases.length - 1] = 'pattern';
      continue;
    }
    flush(t.op, t.start);
  }
  flush('', script.length);
  return commands;
}

function shift(cmd: ShellCommand, offset: number): ShellCommand {
  const move = (w: ShellWord): ShellWord => ({
    ...w,
    start: w.start + offset,
    end: w.end + offset,
  });
  return {
    ...cmd,
    words: cmd.words.map(move),
    redirects: cmd.redirects.map(r => ({
      op: r.op,
      target: r.target && move(r.target),
    })),
    start: cmd.start + offset,
    end: cmd.end + offset,
  };
}

/** The first argument that is not an option, skipping the values of options listed in `optionsWithValue`. */
export function firstOperand(
  args: ShellWord[],
  optionsWithValue: ReadonlySet<string> = new Set(),
): { word: ShellWord; index: number } | null {
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    if (t === '--')
      return i + 1 < args.length ? { word: args[i + 1], index: i + 1 } : null;
    if (t.startsWith('-') && t.length > 1) {
      if (optionsWithValue.has(t)) i++;
      continue;
    }
    return { word: args[i], index: i };
  }
  return null;
}
