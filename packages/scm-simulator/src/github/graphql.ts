import {
  GraphQLError,
  Kind,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { SimContext } from '../context';
import { json, type HttpReply } from '../http/reply';
import { RequestContext } from '../http/request';
import { Router } from '../http/router';
import { RateLimiter } from '../rateLimit';
import { RepositoryRecord } from '../store/records';

/** Where GitHub Enterprise serves GraphQL (github.com: api.github.com/graphql). */
export const GITHUB_GRAPHQL_PATH = '/api/graphql';

type Value = unknown;
type Args = Record<string, Value>;

/** A field of the schema subset: its arguments and how it resolves. */
interface FieldSpec {
  /** The object type it returns; undefined for a scalar. */
  type?: string;
  args?: Record<string, { required: boolean; default?: Value }>;
  resolve(parent: any, args: Args, env: Env): Value;
}

interface Env {
  sim: SimContext;
  rateLimiter: RateLimiter;
  /** Errors found while executing (NOT_FOUND), with the path of the field. */
  errors: Array<Record<string, unknown>>;
  path: Array<string | number>;
  node: FieldNode;
}

interface RefValue {
  prefix: string;
  name: string;
  sha: string;
}

function refValue(repo: RepositoryRecord, qualified: string): RefValue | null {
  const candidates = qualified.startsWith('refs/')
    ? [qualified]
    : [`refs/heads/${qualified}`, `refs/tags/${qualified}`];
  for (const full of candidates) {
    const sha = repo.refs.get(full);
    if (!sha) continue;
    const slash = full.indexOf('/', 'refs/'.length);
    return {
      prefix: full.slice(0, slash + 1),
      name: full.slice(slash + 1),
      sha,
    };
  }
  return null;
}

/**
 * The part of GitHub's GraphQL schema the simulator answers: repositories
 * with their default branch and refs (head commits), and the rate limit.
 */
const SCHEMA: Record<string, Record<string, FieldSpec>> = {
  Query: {
    repository: {
      type: 'Repository',
      args: {
        owner: { required: true },
        name: { required: true },
        followRenames: { required: false, default: true },
      },
      resolve: (_parent, args, env) => {
        const wanted = `${args.owner}/${args.name}`;
        const repo = env.sim.store.repository(wanted);
        const found =
          repo &&
          repo.fullName.split('/').length === 2 &&
          (args.followRenames !== false ||
            repo.fullName.toLowerCase() === wanted.toLowerCase());
        if (found) return repo;
        env.errors.push({
          type: 'NOT_FOUND',
          path: [...env.path],
          locations: locations(env.node),
          message: `Could not resolve to a Repository with the name '${wanted}'.`,
        });
        return null;
      },
    },
    rateLimit: {
      type: 'RateLimit',
      args: { dryRun: { required: false, default: false } },
      resolve: (_parent, _args, env) => env.rateLimiter.snapshot(),
    },
  },
  Repository: {
    id: { resolve: (repo: RepositoryRecord) => `R_sim${repo.id}` },
    databaseId: { resolve: (repo: RepositoryRecord) => repo.id },
    name: { resolve: (repo: RepositoryRecord) => repo.name },
    nameWithOwner: { resolve: (repo: RepositoryRecord) => repo.fullName },
    isPrivate: { resolve: (repo: RepositoryRecord) => repo.private },
    defaultBranchRef: {
      type: 'Ref',
      resolve: (repo: RepositoryRecord) =>
        refValue(repo, `refs/heads/${repo.defaultBranch}`),
    },
    ref: {
      type: 'Ref',
      args: { qualifiedName: { required: true } },
      resolve: (repo: RepositoryRecord, args) =>
        refValue(repo, String(args.qualifiedName)),
    },
  },
  Ref: {
    name: { resolve: (ref: RefValue) => ref.name },
    prefix: { resolve: (ref: RefValue) => ref.prefix },
    target: { type: 'Commit', resolve: (ref: RefValue) => ref.sha },
  },
  Commit: {
    oid: { resolve: (sha: string) => sha },
    abbreviatedOid: { resolve: (sha: string) => sha.slice(0, 7) },
  },
  RateLimit: {
    cost: { resolve: () => 1 },
    limit: { resolve: s => s.limit },
    remaining: { resolve: s => s.remaining },
    used: { resolve: s => s.used },
    nodeCount: { resolve: () => 0 },
    resetAt: { resolve: s => new Date(s.reset * 1000).toISOString() },
  },
};

function locations(node: { loc?: { startToken: any } }) {
  const token = node.loc?.startToken;
  return token ? [{ line: token.line, column: token.column }] : [];
}

function graphqlErrors(errors: Array<Record<string, unknown>>): HttpReply {
  return json(200, { errors });
}

/** GitHub's answer when the GraphQL budget is spent: 200 with RATE_LIMITED. */
export function graphqlRateLimited(): HttpReply {
  return graphqlErrors([
    {
      type: 'RATE_LIMITED',
      message: 'API rate limit exceeded for user ID 1.',
    },
  ]);
}

/**
 * Checks a selection set against the schema subset: unknown fields,
 * arguments and the constructs the simulator does not implement
 * (fragments, directives) are errors, as GitHub reports them.
 */
function validate(
  selections: SelectionSetNode | undefined,
  typeName: string,
  path: string[],
  errors: Array<Record<string, unknown>>,
): void {
  for (const selection of selections?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) {
      errors.push({
        path,
        locations: locations(selection),
        message: 'Fragments are not supported by the scm-simulator',
      });
      continue;
    }
    const name = selection.name.value;
    const fieldPath = [...path, selection.alias?.value ?? name];
    if (selection.directives?.length) {
      errors.push({
        path: fieldPath,
        locations: locations(selection),
        message: 'Directives are not supported by the scm-simulator',
      });
    }
    if (name === '__typename') continue;
    const spec = SCHEMA[typeName][name];
    if (!spec) {
      errors.push({
        path: fieldPath,
        extensions: { code: 'undefinedField', typeName, fieldName: name },
        locations: locations(selection),
        message: `Field '${name}' doesn't exist on type '${typeName}'`,
      });
      continue;
    }
    const given = new Set(selection.arguments?.map(a => a.name.value));
    for (const arg of selection.arguments ?? []) {
      if (!spec.args?.[arg.name.value]) {
        errors.push({
          path: [...fieldPath, arg.name.value],
          extensions: {
            code: 'argumentNotAccepted',
            name,
            typeName: 'Field',
            argumentName: arg.name.value,
          },
          locations: locations(arg),
          message: `Field '${name}' doesn't accept argument '${arg.name.value}'`,
        });
      }
    }
    const missing = Object.entries(spec.args ?? {})
      .filter(([arg, { required }]) => required && !given.has(arg))
      .map(([arg]) => arg);
    if (missing.length) {
      errors.push({
        path: fieldPath,
        extensions: {
          code: 'missingRequiredArguments',
          className: 'Field',
          name,
          arguments: missing.join(', '),
        },
        locations: locations(selection),
        message: `Field '${name}' is missing required arguments: ${missing.join(
          ', ',
        )}`,
      });
    }
    if (spec.type && !selection.selectionSet) {
      errors.push({
        path: fieldPath,
        extensions: {
          code: 'selectionMismatch',
          nodeName: `field '${name}'`,
          typeName: spec.type,
        },
        locations: locations(selection),
        message: `Field must have selections (field '${name}' returns ${spec.type} but has no selections. Did you mean '${name} { ... }'?)`,
      });
    } else if (!spec.type && selection.selectionSet) {
      errors.push({
        path: fieldPath,
        extensions: {
          code: 'selectionMismatch',
          nodeName: `field '${name}'`,
          typeName,
        },
        locations: locations(selection),
        message: `Selections can't be made on scalars (field '${name}' returns a scalar but has selections [${selection.selectionSet.selections
          .map(s => (s.kind === Kind.FIELD ? s.name.value : s.kind))
          .join(', ')}])`,
      });
    } else if (spec.type) {
      validate(selection.selectionSet, spec.type, fieldPath, errors);
    }
  }
}

function execute(
  selections: SelectionSetNode,
  typeName: string,
  parent: unknown,
  variables: Record<string, unknown>,
  env: Omit<Env, 'node'>,
): Record<string, Value> {
  const result: Record<string, Value> = {};
  for (const selection of selections.selections) {
    const field = selection as FieldNode;
    const name = field.name.value;
    const key = field.alias?.value ?? name;
    if (name === '__typename') {
      result[key] = typeName === 'Query' ? 'Query' : typeName;
      continue;
    }
    const spec = SCHEMA[typeName][name];
    const args: Args = {};
    for (const [arg, { default: fallback }] of Object.entries(
      spec.args ?? {},
    )) {
      if (fallback !== undefined) args[arg] = fallback;
    }
    for (const arg of field.arguments ?? []) {
      args[arg.name.value] = valueFromASTUntyped(arg.value, variables);
    }
    const path = [...env.path, key];
    const value = spec.resolve(parent, args, { ...env, path, node: field });
    result[key] =
      spec.type && value !== null && value !== undefined
        ? execute(field.selectionSet!, spec.type, value, variables, {
            ...env,
            path,
          })
        : value ?? null;
  }
  return result;
}

function pickOperation(
  document: DocumentNode,
  operationName: unknown,
): OperationDefinitionNode | string {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (document.definitions.length !== operations.length)
    return 'Fragments are not supported by the scm-simulator';
  if (typeof operationName === 'string' && operationName !== '') {
    const named = operations.find(o => o.name?.value === operationName);
    return named ?? `No operation named "${operationName}"`;
  }
  if (operations.length !== 1)
    return 'An operation name is required when the document has several operations';
  return operations[0];
}

/**
 * Answers one GraphQL request of the schema subset above (what buildcache's
 * batched head lookups send). Like GitHub: always HTTP 200; parse and
 * validation errors come without data, a missing repository as null data
 * with a NOT_FOUND error at its path.
 */
export function answerGraphql(
  sim: SimContext,
  rateLimiter: RateLimiter,
  body: Record<string, unknown>,
): HttpReply {
  const { query, variables = {}, operationName } = body;
  if (typeof query !== 'string' || query.trim() === '') {
    return graphqlErrors([
      { message: 'A query attribute must be specified and must be a string.' },
    ]);
  }
  if (
    variables === null ||
    typeof variables !== 'object' ||
    Array.isArray(variables)
  ) {
    return graphqlErrors([{ message: 'Variables must be an object' }]);
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const parseError = error as GraphQLError;
    return graphqlErrors([
      {
        message: `Parse error: ${parseError.message}`,
        locations: parseError.locations ?? [],
      },
    ]);
  }
  const operation = pickOperation(document, operationName);
  if (typeof operation === 'string') {
    return graphqlErrors([{ message: operation }]);
  }
  if (operation.operation !== 'query') {
    return graphqlErrors([
      {
        locations: locations(operation),
        message: `The scm-simulator answers queries only, not ${operation.operation}s`,
      },
    ]);
  }
  const values = variables as Record<string, unknown>;
  const errors: Array<Record<string, unknown>> = [];
  const declared = new Set(
    operation.variableDefinitions?.map(v => v.variable.name.value),
  );
  for (const name of declared) {
    if (!(name in values)) {
      const definition = operation.variableDefinitions!.find(
        v => v.variable.name.value === name,
      )!;
      if (
        definition.type.kind === Kind.NON_NULL_TYPE &&
        !definition.defaultValue
      )
        errors.push({
          extensions: { code: 'variableNotProvided', name },
          locations: locations(definition),
          message: `Variable $${name} of type ${query.slice(
            definition.type.loc!.start,
            definition.type.loc!.end,
          )} was provided invalid value`,
        });
      else if (definition.defaultValue)
        values[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  const opPath = [operation.operation];
  validate(operation.selectionSet, 'Query', opPath, errors);
  const used = new Set<string>();
  const collect = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { kind?: string; name?: { value: string } };
    if (n.kind === Kind.VARIABLE && n.name) used.add(n.name.value);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'loc') {
        if (Array.isArray(child)) child.forEach(collect);
        else collect(child);
      }
    }
  };
  collect(operation.selectionSet);
  for (const name of used) {
    if (!declared.has(name))
      errors.push({
        extensions: { code: 'variableNotDefined', variableName: name },
        message: `Variable $${name} is used by ${
          operation.name?.value ?? 'anonymous query'
        } but not declared`,
      });
  }
  if (errors.length) return graphqlErrors(errors);
  const execErrors: Array<Record<string, unknown>> = [];
  const data = execute(operation.selectionSet, 'Query', null, values, {
    sim,
    rateLimiter,
    errors: execErrors,
    path: [],
  });
  return json(200, execErrors.length ? { data, errors: execErrors } : { data });
}

/** `POST /api/graphql`; its rate limit is counted by the server (see server.ts). */
export function createGithubGraphqlRouter(
  sim: SimContext,
  rateLimiter: RateLimiter,
): Router {
  const router = new Router();
  router.post(GITHUB_GRAPHQL_PATH, (ctx: RequestContext) =>
    answerGraphql(sim, rateLimiter, ctx.body),
  );
  return router;
}
