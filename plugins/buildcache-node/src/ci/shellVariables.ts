import type { ShellCommand, ShellWord } from '../shell/parseShell';

/**
 * A variable's value as far as the analyzer knows it: a string when it was
 * assigned a literal, null when it is set to something unknown (a command
 * substitution, a `${{ }}` expression, different values on different
 * paths), undefined when nothing we read sets it.
 */
export type VariableValue = string | null | undefined;

/** Looks a variable up outside the script (a step's or job's `env:`, GitLab `variables:`). */
export type VariableLookup = (name: string) => VariableValue;

const NO_VARIABLES: VariableLookup = () => undefined;

const WHOLE_REFERENCE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/;
const EMBEDDED_REFERENCE = /\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})/g;
const UNKNOWABLE = /\$\(|`|\$\{\{/;

/**
 * The shell variables of one script (a GitHub `run:`, a GitLab job's
 * scripts, a CircleCI `run`), as far as simple literal assignments
 * (`cache="--cache-to=…"`, `export X=…`) tell them, over the variables
 * the CI file sets for the script. Variables assigned different values
 * become unknown: branches are not followed, so the one in effect at a
 * build is not known.
 */
export class ShellVariables {
  private readonly values = new Map<string, string | null>();

  constructor(private readonly outer: VariableLookup = NO_VARIABLES) {}

  /** The value of `name` at this point of the script. */
  get(name: string): VariableValue {
    return this.values.has(name) ? this.values.get(name) : this.outer(name);
  }

  /** Records the assignments of a command that runs no program, and of `export`/`readonly`/`declare`. */
  observe(cmd: ShellCommand): void {
    if (cmd.program === null) {
      for (const a of cmd.assignments) this.assign(a.name, a.value);
      return;
    }
    if (!/^(export|readonly|declare|typeset|local)$/.test(cmd.program)) return;
    for (const word of cmd.words.slice(1)) {
      const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(word.text);
      if (m) this.assign(m[1], m[2]);
    }
  }

  /** Substitutes known literal variables inside a value; null when the value cannot be known. */
  expandText(text: string): string | null {
    if (UNKNOWABLE.test(text)) return null;
    return text.replace(EMBEDDED_REFERENCE, (whole, a, b) => {
      const v = this.get((a ?? b) as string);
      return typeof v === 'string' ? v : whole;
    });
  }

  /**
   * Expands the variables of a command's words as the shell would for
   * literals: an unquoted `$cache` holding `--cache-from=x --cache-to=y`
   * becomes two words (located at the reference). References to unknown
   * values stay as written.
   */
  expandWords(words: readonly ShellWord[]): ShellWord[] {
    const out: ShellWord[] = [];
    for (const w of words) {
      const whole = WHOLE_REFERENCE.exec(w.text);
      const v = whole ? this.get((whole[1] ?? whole[2]) as string) : undefined;
      if (typeof v === 'string') {
        if (w.quoted) out.push({ ...w, text: v });
        else
          for (const part of v.split(/\s+/).filter(Boolean))
            out.push({ ...w, text: part, quoted: false });
        continue;
      }
      const text =
        !whole && w.text.includes('$') ? this.expandText(w.text) : w.text;
      out.push(text === null || text === w.text ? w : { ...w, text });
    }
    return out;
  }

  private assign(name: string, value: string): void {
    const expanded = this.expandText(value);
    if (this.values.has(name) && this.values.get(name) !== expanded)
      this.values.set(name, null);
    else this.values.set(name, expanded);
  }
}
