import {
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  valueFromAST,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { QueryLimitSettings } from '../config/config';
import { ErrorCode, type QUERY_LIMIT_CODES } from '../errors/errors';

/**
 * A list without a page size is counted at this many items: a club's members (100–150, with room),
 * a season's matches, an event's participants are all below it.
 */
export const UNPAGED_LIST_SIZE = 200;
/** A `first` that is missing or not a number counts as the largest page (`first` over 100 is refused). */
const LARGEST_PAGE = 100;

/** The refusals' codes, one per limit (src/errors/errors.ts). */
export type QueryLimitCode = (typeof QUERY_LIMIT_CODES)[number];

/** The one error a document over a limit gets, however far over it is; it never names the limit. */
export interface QueryLimitRefusal {
  code: QueryLimitCode;
  message: string;
}

const MESSAGES: Record<QueryLimitCode, string> = {
  QUERY_TOO_LARGE: 'The document is too large.',
  TOO_MANY_DIRECTIVES: 'The document uses too many directives.',
  TOO_MANY_ALIASES: 'The document uses too many aliases.',
  TOO_MANY_FIELDS: 'The document selects too many fields.',
  QUERY_TOO_DEEP: 'The document is nested too deeply.',
  QUERY_TOO_COSTLY: 'The document asks for too much at once.',
};

const refusal = (code: QueryLimitCode): QueryLimitRefusal => ({ code, message: MESSAGES[code] });

/** What a document asks, counted with its fragments expanded where they are spread. */
export interface DocumentWeight {
  aliases: number;
  depth: number;
  cost: number;
}

/**
 * Counts tokens and directives by lexing alone, before anything is parsed or validated: a document
 * of 1,000 unknown directives costs no more than reading it. Lexing stops at the first limit passed.
 * A syntax error is left to the parser, which reports it with its own code.
 */
function checkText(query: string, limits: QueryLimitSettings): QueryLimitRefusal | null {
  // One string literal is one token: the text's length is bounded on its own.
  if (query.length > limits.maxCharacters) return refusal(ErrorCode.QUERY_TOO_LARGE);
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let directives = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) return refusal(ErrorCode.QUERY_TOO_LARGE);
      if (token.kind === TokenKind.AT && ++directives > limits.maxDirectives) return refusal(ErrorCode.TOO_MANY_DIRECTIVES);
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return null;
}

function pageSizeOf(field: FieldNode, first: GraphQLArgument, variables: Record<string, unknown>): number {
  const node = field.arguments?.find((argument) => argument.name.value === 'first');
  const value = node ? valueFromAST(node.value, first.type, variables) : first.defaultValue;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : LARGEST_PAGE;
}

/**
 * Weighs a document: every field selection costs 1 (`__typename` and introspection fields too)
 * and counts toward the depth; every aliased selection counts toward the aliases. A field's
 * selections cost as many times as it returns items: a `first` page's size, or for another list
 * UNPAGED_LIST_SIZE (a connection's `edges` are its page, already counted). Introspection's lists
 * (the schema's own, of bounded size) count once. Fragments are weighed once and counted wherever
 * they are spread; a fragment that spreads itself counts nothing there (validation refuses it).
 */
export function weighDocument(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): DocumentWeight {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const weighed = new Map<string, DocumentWeight>();
  const weighing = new Set<string>();
  const nothing: DocumentWeight = { aliases: 0, depth: 0, cost: 0 };

  function weighFragment(name: string, inIntrospection: boolean): DocumentWeight {
    const key = `${name}:${inIntrospection}`;
    const known = weighed.get(key);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || weighing.has(key)) return nothing;
    weighing.add(key);
    const type = schema.getType(fragment.typeCondition.name.value);
    const weight = weighSelections(fragment.selectionSet, isCompositeType(type) ? type : undefined, inIntrospection);
    weighing.delete(key);
    weighed.set(key, weight);
    return weight;
  }

  function weighSelections(selectionSet: SelectionSetNode, parent: GraphQLCompositeType | undefined, inIntrospection: boolean): DocumentWeight {
    const total = { aliases: 0, depth: 0, cost: 0 };
    const add = (weight: DocumentWeight) => {
      total.aliases += weight.aliases;
      total.depth = Math.max(total.depth, weight.depth);
      total.cost += weight.cost;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) add(weighField(selection, parent, inIntrospection));
      else if (selection.kind === Kind.FRAGMENT_SPREAD) add(weighFragment(selection.name.value, inIntrospection));
      else {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(weighSelections(selection.selectionSet, isCompositeType(type) ? type : undefined, inIntrospection));
      }
    }
    return total;
  }

  function weighField(field: FieldNode, parent: GraphQLCompositeType | undefined, inIntrospection: boolean): DocumentWeight {
    const name = field.name.value;
    const introspection = inIntrospection || name.startsWith('__');
    const definition =
      name === '__schema' ? { type: schema.getType('__Schema')!, args: [] } :
      name === '__type' ? { type: schema.getType('__Type')!, args: [] } :
      parent && 'getFields' in parent ? parent.getFields()[name] : undefined;
    const own = { aliases: field.alias ? 1 : 0, depth: 1, cost: 1 };
    if (!field.selectionSet) return own;
    const returned = definition ? getNullableType(definition.type) : undefined;
    const first = definition?.args.find((argument) => argument.name === 'first');
    const items =
      introspection ? 1 :
      first ? pageSizeOf(field, first, variables) :
      returned && isListType(returned) && name !== 'edges' ? UNPAGED_LIST_SIZE : 1;
    let named = returned;
    while (named && 'ofType' in named) named = getNullableType(named.ofType);
    const children = weighSelections(field.selectionSet, named && isCompositeType(named) ? named : undefined, introspection);
    return { aliases: own.aliases + children.aliases, depth: 1 + children.depth, cost: 1 + items * children.cost };
  }

  const total = { aliases: 0, depth: 0, cost: 0 };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = definition.operation === 'query' ? schema.getQueryType() : definition.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    const weight = weighSelections(definition.selectionSet, root ?? undefined, false);
    total.aliases += weight.aliases;
    total.depth = Math.max(total.depth, weight.depth);
    total.cost += weight.cost;
  }
  return total;
}

/**
 * Field selections as written, each fragment once. Validation compares the fields of a selection
 * set pairwise (OverlappingFieldsCanBeMerged), so 500 copies of `__typename`, which execution
 * merges into one, would still cost validation a quarter of a million comparisons.
 */
function fieldSelectionsIn(document: DocumentNode): number {
  let fields = 0;
  visit(document, {
    Field() {
      fields += 1;
    },
  });
  return fields;
}

/** Documents kept by their text, so a client's repeated operation is lexed and parsed here once. */
const ACCEPTED_DOCUMENTS_KEPT = 500;

/**
 * The query limits, checked before Apollo parses or validates: length, tokens and directives on
 * the text and field selections on the parsed document (once per document), then aliases, depth
 * and cost with the request's variables. The first limit
 * passed is the one error the client gets. graphql-armor's rules run inside validation, so a
 * document over a limit also got every validation error it had (one per unknown directive).
 */
export class QueryLimits {
  /** Documents that passed the checks of their text and fields: those are not redone for them. */
  private readonly accepted = new Map<string, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    readonly settings: QueryLimitSettings,
  ) {}

  check(query: string, variables: unknown): QueryLimitRefusal | null {
    let document = this.accepted.get(query);
    if (!document) {
      const overText = checkText(query, this.settings);
      if (overText) return overText;
      try {
        document = parse(query, { noLocation: true });
      } catch {
        // Apollo parses it again and answers the syntax error with its own code.
        return null;
      }
      if (fieldSelectionsIn(document) > this.settings.maxFields) return refusal(ErrorCode.TOO_MANY_FIELDS);
      if (this.accepted.size >= ACCEPTED_DOCUMENTS_KEPT) this.accepted.clear();
      this.accepted.set(query, document);
    }
    // The cost depends on the variables (a page size), so the document is weighed on every request.
    const values = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {};
    const weight = weighDocument(this.schema, document, values);
    if (weight.aliases > this.settings.maxAliases) return refusal(ErrorCode.TOO_MANY_ALIASES);
    if (weight.depth > this.settings.maxDepth) return refusal(ErrorCode.QUERY_TOO_DEEP);
    if (weight.cost > this.settings.maxCost) return refusal(ErrorCode.QUERY_TOO_COSTLY);
    return null;
  }
}
