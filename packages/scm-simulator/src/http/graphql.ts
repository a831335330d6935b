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
import { json, type HttpReply } from './reply';

/**
 * A small GraphQL executor for the simulator's schema subsets (GitHub's
 * and GitLab's): queries parsed with `graphql`, checked against the
 * subset, resolved field by field. No fragments, directives, mutations.
 */

type Value = unknown;
export type GraphqlArgs = Record<string, Value>;

/** A field of a schema subset: its arguments and how it resolves. */
export interface FieldSpec<E> {
  /** The object type it returns; undefined for a scalar. */
  type?: string;
  args?: Record<string, { required: boolean; default?: Value }>;
  /** Added to the query's complexity (default 1; GitLab: 2 for Gitaly calls). */
  complexity?: number;
  resolve(parent: any, args: GraphqlArgs, env: Env<E>): Value;
}

/** Type name → field name → field. */
export type GraphqlSchema<E> = Record<string, Record<string, FieldSpec<E>>>;

/** What execution carries: the caller's context, errors and the path. */
type ExecEnv<E> = E & {
  /** Errors found while executing, with the path of the field. */
  errors: Array<Record<string, unknown>>;
  path: Array<string | number>;
};

/** What a resolver sees: the above and its field. */
export type Env<E> = ExecEnv<E> & { node: FieldNode };

/** graphql-ruby's complexity: each field counts its own, nested fields add up. */
export function complexityOf(
  schema: GraphqlSchema<any>,
  selections: SelectionSetNode | undefined,
  typeName: string,
): number {
  let total = 0;
  for (const selection of selections?.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value === '__typename')
      continue;
    const spec = schema[typeName]?.[selection.name.value];
    if (!spec) continue;
    total += spec.complexity ?? 1;
    if (spec.type)
      total += complexityOf(schema, selection.selectionSet, spec.type);
  }
  return total;
}

export function locations(node: { loc?: { startToken: any } }) {
  const token = node.loc?.startToken;
  return token ? [{ line: token.line, column: token.column }] : [];
}

export function graphqlErrors(
  errors: Array<Record<string, unknown>>,
): HttpReply {
  return json(200, { errors });
}

/**
 * Checks a selection set against the schema subset: unknown fields,
 * arguments and the constructs the simulator does not implement
 * (fragments, directives) are errors, as graphql-ruby (GitHub, GitLab) reports them.
 */
function validate(
  schema: GraphqlSchema<any>,
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
    const spec = schema[typeName][name];
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
      validate(schema, selection.selectionSet, spec.type, fieldPath, errors);
    }
  }
}

function execute<E>(
  schema: GraphqlSchema<E>,
  selections: SelectionSetNode,
  typeName: string,
  parent: unknown,
  variables: Record<string, unknown>,
  env: ExecEnv<E>,
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
    const spec = schema[typeName][name];
    const args: GraphqlArgs = {};
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
        ? execute(schema, field.selectionSet!, spec.type, value, variables, {
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
 * Answers one GraphQL request against a schema subset, as graphql-ruby
 * does (GitHub, GitLab): always HTTP 200; parse and validation errors come
 * without data, execution errors (`env.errors`) beside the data. With
 * `maxComplexity`, a query whose complexity (see `complexityOf`) exceeds
 * it is refused before it runs, in GitLab's words.
 */
export function answerGraphqlQuery<E>(
  schema: GraphqlSchema<E>,
  body: Record<string, unknown>,
  context: E,
  options: { maxComplexity?: number } = {},
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
  validate(schema, operation.selectionSet, 'Query', opPath, errors);
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
  if (options.maxComplexity !== undefined) {
    const complexity = complexityOf(schema, operation.selectionSet, 'Query');
    if (complexity > options.maxComplexity)
      return graphqlErrors([
        {
          message: `Query has complexity of ${complexity}, which exceeds max complexity of ${options.maxComplexity}`,
        },
      ]);
  }
  const execErrors: Array<Record<string, unknown>> = [];
  const data = execute(schema, operation.selectionSet, 'Query', null, values, {
    ...context,
    errors: execErrors,
    path: [],
  });
  return json(200, execErrors.length ? { data, errors: execErrors } : { data });
}
