import { isMap, isSeq, type Node } from 'yaml';
import { normalizeRepoPath } from '../model/text';
import type { UnresolvedReference } from './model';
import {
  deref,
  getIn,
  mapEntries,
  nodeRange,
  scalarText,
  seqItems,
  type YamlSource,
} from './yamlDocument';

/** One parsed file of a GitLab pipeline (the root or a local include). */
export interface GitlabSource {
  path: string;
  y: YamlSource;
}

/** A node and the file it is written in. */
export interface Located {
  source: GitlabSource;
  node: Node;
}

/** How the pipeline reader reaches other files of the repository. */
export interface RepoLookup {
  /** The parsed YAML of a repo path; null when absent or not parseable. */
  yaml(path: string): YamlSource | null;
  /** Every file path of the repository (for include wildcards). */
  paths(): readonly string[];
}

const MAX_INCLUDES = 150;
const MAX_EXTENDS_DEPTH = 11;

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function describeInclude(y: YamlSource, item: Node): string {
  const s = scalarText(y, item);
  if (s !== null) return s;
  for (const key of ['local', 'project', 'remote', 'template', 'component']) {
    const v = scalarText(y, getIn(y, item, key));
    if (v !== null) return `${key} ${v}`;
  }
  return 'include';
}

/**
 * The files of a pipeline in merge order (local includes first, depth
 * first, then the including file), and the includes that could not be
 * resolved in the repository (remote, project, template, component, or a
 * local file that is not there).
 */
export function resolveIncludes(
  rootPath: string,
  lookup: RepoLookup,
): { sources: GitlabSource[]; unresolved: UnresolvedReference[] } {
  const sources: GitlabSource[] = [];
  const unresolved: UnresolvedReference[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (path: string) => {
    if (visiting.has(path) || done.has(path) || done.size > MAX_INCLUDES)
      return;
    const y = lookup.yaml(path);
    if (!y) return;
    visiting.add(path);
    const includeNode = getIn(y, y.doc.contents, 'include');
    let items: Node[] = [];
    if (isSeq(includeNode)) items = seqItems(y, includeNode);
    else if (includeNode !== null) items = [includeNode];
    for (const item of items) {
      const local =
        scalarText(y, item) ?? scalarText(y, getIn(y, item, 'local'));
      const isLocal =
        local !== null &&
        (isMap(item)
          ? getIn(y, item, 'local') !== null
          : !/^https?:\/\//.test(local));
      const pos = nodeRange(y, item);
      const miss = (why: string) =>
        unresolved.push({
          path,
          line: pos.line,
          column: pos.column,
          reference: `include ${describeInclude(y, item)} (${why})`,
        });
      if (!isLocal || local === null) {
        miss('not in this repository');
        continue;
      }
      if (/\$/.test(local)) {
        miss('uses a variable');
        continue;
      }
      const target = normalizeRepoPath(local.replace(/^\/+/, ''));
      if (target === null) {
        miss('leaves the repository');
        continue;
      }
      const matches = /\*/.test(target)
        ? lookup.paths().filter(p => globToRegExp(target).test(p))
        : [target];
      const found = matches.filter(p => lookup.yaml(p) !== null);
      if (found.length === 0) miss('file not found');
      for (const p of found) visit(p);
    }
    visiting.delete(path);
    done.add(path);
    sources.push({ path, y });
  };
  visit(rootPath);
  return { sources, unresolved };
}

/** Top-level keys of the merged pipeline: for each name, its definitions, highest precedence first. */
export class GitlabPipeline {
  readonly sources: GitlabSource[];
  private readonly entries = new Map<string, Located[]>();
  private readonly keys = new Map<string, Located[]>();

  constructor(sources: GitlabSource[]) {
    this.sources = sources;
    for (const source of sources) {
      for (const [name, node, keyNode] of mapEntries(
        source.y,
        source.y.doc.contents,
      )) {
        if (node === null) continue;
        const list = this.entries.get(name) ?? [];
        list.unshift({ source, node });
        this.entries.set(name, list);
        const keyList = this.keys.get(name) ?? [];
        keyList.unshift({ source, node: keyNode });
        this.keys.set(name, keyList);
      }
    }
  }

  /** Names of all top-level keys. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Definitions of a top-level key, highest precedence first. */
  definitions(name: string): Located[] {
    return this.entries.get(name) ?? [];
  }

  /** The key node of the highest-precedence definition. */
  keyOf(name: string): Located | null {
    return this.keys.get(name)?.[0] ?? null;
  }

  /** The job's own fragments followed by those of its `extends:` chain, highest precedence first. */
  chain(name: string, depth = 0, seen = new Set<string>()): Located[] {
    if (depth > MAX_EXTENDS_DEPTH || seen.has(name)) return [];
    seen.add(name);
    const own = this.definitions(name);
    const out = [...own];
    const parents: string[] = [];
    for (const d of own) {
      const ext = getIn(d.source.y, d.node, 'extends');
      const single = scalarText(d.source.y, ext);
      if (single !== null) parents.push(single);
      else
        for (const item of seqItems(d.source.y, ext)) {
          const s = scalarText(d.source.y, item);
          if (s !== null) parents.push(s);
        }
      if (ext !== null) break;
    }
    // later entries of `extends:` take precedence over earlier ones
    for (const parent of parents.reverse())
      out.push(...this.chain(parent, depth + 1, seen));
    return out;
  }

  /** A key of a job, following `extends:` (and `!reference` at the top). */
  lookup(fragments: Located[], key: string): Located | null {
    for (const f of fragments) {
      const node = getIn(f.source.y, f.node, key);
      if (node !== null)
        return this.reference(f.source, node) ?? { source: f.source, node };
    }
    return null;
  }

  /** A variable of a job (its `variables:` chain), then the global ones. */
  variable(fragments: Located[], name: string): Located | null {
    for (const f of fragments) {
      const vars = getIn(f.source.y, f.node, 'variables');
      const node = getIn(f.source.y, vars, name);
      if (node !== null) return { source: f.source, node };
    }
    for (const d of this.definitions('variables')) {
      const node = getIn(d.source.y, d.node, name);
      if (node !== null) return { source: d.source, node };
    }
    return null;
  }

  /** Resolves a `!reference [.job, key, …]` node; null when `node` is not one. */
  reference(source: GitlabSource, node: Node, depth = 0): Located | null {
    const n = deref(source.y, node);
    if (!isSeq(n) || n.tag !== '!reference' || depth > 5) return null;
    const path = n.items.map(i => scalarText(source.y, i));
    if (path.length < 1 || path.some(p => p === null)) return null;
    const [job, ...keys] = path as string[];
    let current: Located | null = null;
    for (const d of this.chain(job)) {
      let at: Node | null = d.node;
      for (const k of keys) at = at === null ? null : getIn(d.source.y, at, k);
      if (at !== null) {
        current = { source: d.source, node: at };
        break;
      }
    }
    if (current === null) return null;
    return this.reference(current.source, current.node, depth + 1) ?? current;
  }

  /** Script entries of a key (string, list, nested lists and `!reference`s), each with its file. */
  scriptNodes(at: Located | null, depth = 0): Located[] {
    if (at === null || depth > 6) return [];
    const { source } = at;
    const ref = this.reference(source, at.node);
    if (ref) return this.scriptNodes(ref, depth + 1);
    if (scalarText(source.y, at.node) !== null) return [at];
    return seqItems(source.y, at.node).flatMap(n =>
      this.scriptNodes({ source, node: n }, depth + 1),
    );
  }
}
