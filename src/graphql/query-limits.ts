import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/** Far above the club's clients: their longest document is about 300 tokens. */
export const MAX_DOCUMENT_TOKENS = 3000;

/**
 * Limits on what one document may ask, far above what the club's clients send (their deepest query
 * is 6 levels) and never named in the refusal. Field suggestions ("Did you mean …?") would describe
 * the schema, so they go when introspection does. The token limit is checked before Apollo parses
 * (documentTooLarge), so that a syntax error keeps its own code.
 */
export function queryLimits(introspection: boolean) {
  return new ApolloArmor({
    maxDepth: { n: 12, ignoreIntrospection: true, exposeLimits: false },
    maxAliases: { n: 15, exposeLimits: false },
    maxDirectives: { n: 20, exposeLimits: false },
    maxTokens: { enabled: false },
    costLimit: { maxCost: 5000, ignoreIntrospection: true, exposeLimits: false },
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();
}

/** Whether a document has more tokens than any client of ours sends; lexing stops at the limit. */
export function documentTooLarge(query: string): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; ) {
      if (++count > MAX_DOCUMENT_TOKENS) return true;
    }
  } catch (error) {
    // A syntax error is Apollo's to report, with its own code.
    if (!(error instanceof GraphQLError)) throw error;
  }
  return false;
}
