/**
 * NLM's `q` parameter: "an optional, additional query string used to further constrain the
 * results returned by the terms field ... not automatically wildcarded, but can include wildcards
 * and can specify field names. See the Elasticsearch query string page for documentation of
 * supported syntax" (https://clinicaltables.nlm.nih.gov/apidoc/hcpcs/v3/doc.html).
 *
 * This parser follows the Elasticsearch `query_string` syntax (Lucene's classic query parser):
 * `field:value`, `field:(a OR b)`, `"quoted phrases"`, `AND` `OR` `NOT` `&&` `||` `!`, `+` and `-`,
 * parentheses, `*` and `?` wildcards, ranges `[a TO b]` `{a TO b}` and `>`, `>=`, `<`, `<=`, and
 * `*` / `*:*` for everything. The default operator is OR and each boolean group is scored as
 * Lucene does: clauses made required by `AND` or `+` must all match, `NOT`/`-` clauses must not,
 * and the optional ones matter only when nothing is required. What the syntax has beyond that
 * (fuzzy `~`, proximity, boosts `^`, `/regular expressions/`, `_exists_`, field-name wildcards)
 * throws a {@link QueryStringError} that names it.
 */
import { analyze } from './analyzer.js';
import { DATE_FIELDS, isNlmField, NLM_FIELDS, type NlmField } from './fields.js';

export type Occur = 'must' | 'should' | 'mustNot';

export type QueryNode =
  | { readonly type: 'all' }
  | { readonly type: 'bool'; readonly clauses: readonly { occur: Occur; node: QueryNode }[] }
  /** `text` unescaped, `wildcard` when it holds an unescaped `*` or `?`. */
  | {
      readonly type: 'term';
      readonly fields: readonly NlmField[];
      readonly text: string;
      /** The text's words as a text field's analyzer gives them. */
      readonly words: readonly string[];
      readonly wildcard: RegExp | null;
    }
  | {
      readonly type: 'phrase';
      readonly fields: readonly NlmField[];
      readonly text: string;
      readonly words: readonly string[];
    }
  | {
      readonly type: 'range';
      readonly fields: readonly NlmField[];
      readonly lower: string | null;
      readonly upper: string | null;
      readonly includeLower: boolean;
      readonly includeUpper: boolean;
    };

/** A `q` this server cannot answer as Elasticsearch would: the message says what and why. */
export class QueryStringError extends Error {}

type Token =
  | { kind: '(' | ')' | '+' | '-' | 'not' | 'and' | 'or' | ':' }
  | { kind: 'term'; text: string; wildcard: RegExp | null; raw: string }
  | { kind: 'phrase'; text: string }
  | {
      kind: 'range';
      lower: string | null;
      upper: string | null;
      includeLower: boolean;
      includeUpper: boolean;
    }
  | { kind: 'compare'; op: '>' | '>=' | '<' | '<='; value: string };

/** Characters that end a term unless escaped with a backslash (Lucene's reserved characters). */
const SPECIAL = new Set([...'+-!(){}[]^"~:\\/&|<>=']);
const UNSUPPORTED: Record<string, string> = {
  '~': 'fuzzy and proximity searches (~) are not supported',
  '^': 'boosts (^) are not supported: they change ranking only, and this endpoint does not rank by score',
  '/': 'regular expressions (/.../) are not supported',
};

function wildcardPattern(parts: { char: string; escaped: boolean }[]): RegExp | null {
  if (!parts.some((p) => !p.escaped && (p.char === '*' || p.char === '?'))) return null;
  const source = parts
    .map((p) =>
      p.escaped
        ? p.char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        : p.char === '*'
          ? '.*'
          : p.char === '?'
            ? '.'
            : p.char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source.toLowerCase()}$`, 's');
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new QueryStringError(`${message} (at character ${i + 1})`);
  };
  const readTerm = (allowSpecialStart: boolean): { text: string; raw: string; wildcard: RegExp | null } => {
    const parts: { char: string; escaped: boolean }[] = [];
    const start = i;
    while (i < q.length) {
      const c = q[i] as string;
      if (/\s/.test(c)) break;
      if (c === '\\') {
        if (i + 1 >= q.length) fail('a backslash at the end escapes nothing');
        parts.push({ char: q[i + 1] as string, escaped: true });
        i += 2;
        continue;
      }
      // Inside a term, Lucene allows - and + (e-stim); everything else special ends it.
      if (SPECIAL.has(c) && !((c === '-' || c === '+') && (parts.length > 0 || allowSpecialStart))) break;
      parts.push({ char: c, escaped: false });
      i++;
    }
    return {
      text: parts.map((p) => p.char).join(''),
      raw: q.slice(start, i),
      wildcard: wildcardPattern(parts),
    };
  };
  const rangeBound = (text: string): string | null => (text === '*' ? null : text.replace(/\\(.)/g, '$1'));
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (UNSUPPORTED[c]) fail(`q: ${UNSUPPORTED[c]}`);
    if (c === '(' || c === ')' || c === ':' || c === '+' || c === '-') {
      tokens.push({ kind: c });
      i++;
    } else if (c === '!') {
      tokens.push({ kind: 'not' });
      i++;
    } else if (q.startsWith('&&', i)) {
      tokens.push({ kind: 'and' });
      i += 2;
    } else if (q.startsWith('||', i)) {
      tokens.push({ kind: 'or' });
      i += 2;
    } else if (c === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) fail('q: a quoted phrase is not closed');
      tokens.push({ kind: 'phrase', text: q.slice(i + 1, end) });
      i = end + 1;
      if (q[i] === '~') fail(`q: ${UNSUPPORTED['~']}`);
    } else if (c === '[' || c === '{') {
      const close = q.slice(i).search(/[\]}]/);
      if (close < 0) fail('q: a range is not closed with ] or }');
      const body = q.slice(i + 1, i + close);
      const m = /^\s*(\S+)\s+TO\s+(\S+)\s*$/.exec(body);
      if (!m) fail(`q: the range "${q.slice(i, i + close + 1).slice(0, 60)}" is not [from TO to]`);
      tokens.push({
        kind: 'range',
        lower: rangeBound(m?.[1] as string),
        upper: rangeBound(m?.[2] as string),
        includeLower: c === '[',
        includeUpper: q[i + close] === ']',
      });
      i += close + 1;
    } else if (c === '>' || c === '<') {
      const op = (q[i + 1] === '=' ? `${c}=` : c) as '>' | '>=' | '<' | '<=';
      i += op.length;
      const value = readTerm(false);
      if (value.text === '') fail(`q: ${op} needs a value`);
      tokens.push({ kind: 'compare', op, value: value.text });
    } else if (c === ']' || c === '}' || c === '&' || c === '|' || c === '=') {
      fail(`q: "${c}" is out of place`);
    } else {
      const term = readTerm(false);
      if (term.raw === '') fail(`q: "${c}" is out of place`);
      if (!term.wildcard && (term.raw === 'AND' || term.raw === 'OR' || term.raw === 'NOT')) {
        tokens.push({ kind: term.raw.toLowerCase() as 'and' | 'or' | 'not' });
      } else tokens.push({ kind: 'term', ...term });
      if (q[i] === '~' || q[i] === '^') fail(`q: ${UNSUPPORTED[q[i] as string]}`);
    }
  }
  return tokens;
}

/**
 * Parses a `q` value.
 * @example parseQueryString('long_desc:"power wheelchair" AND -obsolete:true')
 */
export function parseQueryString(q: string): QueryNode {
  const tokens = tokenize(q);
  let at = 0;
  const peek = () => tokens[at];
  const fail = (message: string): never => {
    throw new QueryStringError(message);
  };

  function fieldsOf(name: string): NlmField[] {
    if (name === '_exists_') fail('q: _exists_ is not supported: use field:* instead');
    if (name.includes('*') || name.includes('?'))
      fail(`q: field-name wildcards ("${name}") are not supported`);
    if (!isNlmField(name))
      fail(`q: "${name.slice(0, 40)}" is not a field (fields: ${NLM_FIELDS.join(', ')})`);
    return [name as NlmField];
  }

  function clause(fields: readonly NlmField[] | null): QueryNode {
    const token = peek();
    if (!token) return fail('q: a clause is missing at the end');
    const next = tokens[at + 1];
    if (token.kind === 'term' && next?.kind === ':') {
      at += 2;
      if (token.raw === '*') {
        const value = peek();
        if (value?.kind === 'term' && value.raw === '*') {
          at++;
          return { type: 'all' };
        }
        return fail('q: a field-name wildcard (*:) is supported only as *:*');
      }
      return fieldValue(fieldsOf(token.text));
    }
    return fieldValue(fields);
  }

  function fieldValue(fields: readonly NlmField[] | null): QueryNode {
    const token = peek();
    if (!token) return fail('q: a value is missing at the end');
    const all = fields ?? NLM_FIELDS;
    at++;
    switch (token.kind) {
      case '(': {
        const group = booleanGroup(fields);
        if (peek()?.kind !== ')') fail('q: a parenthesis is not closed');
        at++;
        return group;
      }
      case 'term':
        if (token.raw === '*' && fields === null) return { type: 'all' };
        return {
          type: 'term',
          fields: all,
          text: token.text,
          words: analyze(token.text),
          wildcard: token.wildcard,
        };
      case 'phrase':
        return { type: 'phrase', fields: all, text: token.text, words: analyze(token.text) };
      case 'range':
        return { type: 'range', fields: all, ...rangeValues(all, token) };
      case 'compare': {
        const bound = token.value === '*' ? null : token.value;
        const lower = token.op.startsWith('>');
        return {
          type: 'range',
          fields: all,
          ...rangeValues(all, {
            lower: lower ? bound : null,
            upper: lower ? null : bound,
            includeLower: token.op === '>=',
            includeUpper: token.op === '<=',
          }),
        };
      }
      default:
        return fail(`q: "${token.kind === ':' ? ':' : token.kind.toUpperCase()}" is out of place`);
    }
  }

  function booleanGroup(fields: readonly NlmField[] | null): QueryNode {
    const clauses: { occur: Occur; node: QueryNode }[] = [];
    let first = true;
    while (at < tokens.length && peek()?.kind !== ')') {
      let conjunction: 'and' | 'or' | null = null;
      const c = peek()?.kind;
      if (c === 'and' || c === 'or') {
        if (first) fail(`q: ${c.toUpperCase()} has nothing before it`);
        conjunction = c;
        at++;
      }
      let modifier: '+' | '-' | null = null;
      const m = peek()?.kind;
      if (m === '+' || m === '-' || m === 'not') {
        modifier = m === '+' ? '+' : '-';
        at++;
      }
      const node = clause(fields);
      // Lucene's QueryParserBase.addClause, default operator OR: AND makes the clause before
      // required too (unless prohibited); + or AND make this one required; - or NOT prohibit it.
      const previous = clauses.at(-1);
      if (conjunction === 'and' && previous && previous.occur !== 'mustNot') previous.occur = 'must';
      const prohibited = modifier === '-';
      const required = modifier === '+' || (conjunction === 'and' && !prohibited);
      clauses.push({ occur: prohibited ? 'mustNot' : required ? 'must' : 'should', node });
      first = false;
    }
    if (clauses.length === 1 && clauses[0]?.occur !== 'mustNot') return clauses[0]?.node as QueryNode;
    return { type: 'bool', clauses };
  }

  const root = booleanGroup(null);
  if (at < tokens.length) fail('q: a closing parenthesis has no opening one');
  return root;
}

function rangeValues(
  fields: readonly NlmField[],
  range: { lower: string | null; upper: string | null; includeLower: boolean; includeUpper: boolean },
) {
  // Dates are compared as NLM holds them, YYYYMMDD: accept 2024-01-01 too.
  const dates = fields.every((f) => DATE_FIELDS.has(f));
  const norm = (v: string | null) => {
    if (v === null) return null;
    if (dates) {
      const compact = v.replaceAll('-', '');
      if (!/^\d{8}$/.test(compact))
        throw new QueryStringError(`q: "${v.slice(0, 20)}" is not a date (YYYYMMDD)`);
      return compact;
    }
    return v.toLowerCase();
  };
  return { ...range, lower: norm(range.lower), upper: norm(range.upper) };
}
