/**
 * One pass of graphql-js's lexer over a query text before it is parsed: how many tokens it has,
 * how deep its selection sets nest and how deep its argument values nest (and how many `and`/`or`/
 * `not` levels a `where` literal has). graphql-js's parser and validation recurse once per level,
 * so a document nested a few thousand levels deep overflows the stack (a RangeError, an HTTP 500);
 * this pass is a loop, and refuses such a document with a coded error before anything recurses.
 */
import { type GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { limitExceeded } from './limit-error.js';
import { maxValueDepth, type QueryLimits } from './query-limits.js';

const LOGICAL = new Set(['and', 'or', 'not']);

/** What the lexer pass counts. */
interface ScanState {
  tokens: number;
  /** `{` open outside argument lists (selection sets). */
  selections: number;
  /** `{`/`[` open inside the current argument list. */
  values: number;
  /** Per open value bracket: whether it opened an `and`/`or`/`not` operand. */
  logical: boolean[];
  filterDepth: number;
  /** `(` open: inside an argument list (or variable definitions). */
  parens: number;
  argument: string | undefined;
  /** The last two significant tokens' text (to see `and: [`). */
  lastName: string | undefined;
  afterColon: boolean;
}

/** Counts the tokens of a text (graphql-js refused it past `maxTokens`; the error says how many). */
export function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  } catch {
    // A syntax error: the count so far.
  }
  return tokens;
}

function open(state: ScanState, limits: QueryLimits, brace: boolean): GraphQLError | undefined {
  if (state.parens === 0) {
    if (!brace) return undefined;
    state.selections += 1;
    // Each field level opens one selection set; inline fragments may open one more each.
    const bound = 2 * limits.maxDepth + 2;
    if (state.selections > bound) {
      return limitExceeded(
        'DEPTH_LIMIT_EXCEEDED',
        `The document nests selection sets more than ${bound} deep; an operation may select at most ${limits.maxDepth} field levels`,
        limits.maxDepth,
        state.selections,
      );
    }
    return undefined;
  }
  const logical = state.afterColon && state.lastName !== undefined && LOGICAL.has(state.lastName);
  state.logical.push(logical);
  state.values += 1;
  if (logical) state.filterDepth += 1;
  if (state.argument === 'where' && state.filterDepth > limits.maxFilterDepth) {
    return limitExceeded(
      'FILTER_TOO_DEEP',
      `\`where\` nests and/or/not ${state.filterDepth} levels deep; at most ${limits.maxFilterDepth} are allowed`,
      limits.maxFilterDepth,
      state.filterDepth,
      { argument: 'where' },
    );
  }
  const bound = maxValueDepth(limits);
  if (state.values > bound) {
    return limitExceeded(
      'VALUE_TOO_DEEP',
      `The value of \`${state.argument ?? '(argument)'}\` nests lists and objects more than ${bound} levels deep`,
      bound,
      state.values,
      { argument: state.argument ?? '' },
    );
  }
  return undefined;
}

function close(state: ScanState, brace: boolean): void {
  if (state.parens === 0) {
    if (brace) state.selections -= 1;
    return;
  }
  if (state.values === 0) return;
  state.values -= 1;
  if (state.logical.pop()) state.filterDepth -= 1;
}

/**
 * The first limit a query text exceeds in tokens or nesting, or undefined. Syntax errors are left
 * to the parser (the pass stops where the lexer does).
 */
export function scanDocument(query: string, limits: QueryLimits): GraphQLError | undefined {
  const lexer = new Lexer(new Source(query));
  const state: ScanState = {
    tokens: 0,
    selections: 0,
    values: 0,
    logical: [],
    filterDepth: 0,
    parens: 0,
    argument: undefined,
    lastName: undefined,
    afterColon: false,
  };
  let previous: TokenKind | undefined;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      state.tokens += 1;
      if (state.tokens > limits.maxTokens) {
        return limitExceeded(
          'TOKEN_LIMIT_EXCEEDED',
          `The document has ${countTokens(query)} tokens; at most ${limits.maxTokens} are allowed`,
          limits.maxTokens,
          countTokens(query),
        );
      }
      let refused: GraphQLError | undefined;
      switch (token.kind) {
        case TokenKind.PAREN_L:
          state.parens += 1;
          state.values = 0;
          break;
        case TokenKind.PAREN_R:
          state.parens = Math.max(0, state.parens - 1);
          state.values = 0;
          state.logical = [];
          state.filterDepth = 0;
          state.argument = undefined;
          break;
        case TokenKind.BRACE_L:
        case TokenKind.BRACKET_L:
          refused = open(state, limits, token.kind === TokenKind.BRACE_L);
          break;
        case TokenKind.BRACE_R:
        case TokenKind.BRACKET_R:
          close(state, token.kind === TokenKind.BRACE_R);
          break;
        case TokenKind.COLON:
          if (state.parens > 0 && state.values === 0 && previous === TokenKind.NAME) {
            state.argument = state.lastName;
          }
          break;
        default:
          break;
      }
      if (refused) return refused;
      state.afterColon = token.kind === TokenKind.COLON;
      if (token.kind === TokenKind.NAME) state.lastName = token.value;
      else if (token.kind !== TokenKind.COLON) state.lastName = undefined;
      previous = token.kind;
    }
  } catch {
    // A syntax error: the parser words it.
  }
  return undefined;
}
