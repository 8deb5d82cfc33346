/**
 * Whether an NLM document matches `terms` (each word a prefix of a word of a search field, every
 * word required: NLM's "implicit AND") and a parsed `q` (Elasticsearch query-string semantics).
 */
import { DATE_FIELDS, type NlmDocument, type NlmField, TEXT_FIELDS } from './fields.js';
import type { QueryNode } from './query-string.js';

/**
 * NLM's `terms`: the search string's words, each one a prefix ("just a part of a word") that some
 * word of some search field (`sf`) must start with; all words must match. A code is one word, so
 * "J1" matches every code that starts with J1 and "he" the HE modifier and every "heart...".
 * @example matchesTerms(doc, ['wheelch'], ['code', 'display'])
 */
export function matchesTerms(
  doc: NlmDocument,
  words: readonly string[],
  fields: readonly NlmField[],
): boolean {
  return words.every((word) => fields.some((field) => doc.joined[field].includes(` ${word}`)));
}

function termMatches(doc: NlmDocument, field: NlmField, node: Extract<QueryNode, { type: 'term' }>): boolean {
  const { text, wildcard } = node;
  const words = doc.words[field];
  if (words.length === 0) return false;
  if (wildcard) return words.some((w) => wildcard.test(w));
  if (!TEXT_FIELDS.has(field)) {
    const value = DATE_FIELDS.has(field) ? text.replaceAll('-', '') : text;
    return words[0] === value.toLowerCase();
  }
  // An unquoted term is analyzed like the field; several words (e-stim) are ORed, the default
  // operator of Elasticsearch's query_string.
  return node.words.some((t) => doc.joined[field].includes(` ${t} `));
}

function phraseMatches(
  doc: NlmDocument,
  field: NlmField,
  node: Extract<QueryNode, { type: 'phrase' }>,
): boolean {
  const words = doc.words[field];
  if (!TEXT_FIELDS.has(field)) return words[0] === node.text.toLowerCase();
  return node.words.length > 0 && doc.joined[field].includes(` ${node.words.join(' ')} `);
}

function inRange(value: string, node: Extract<QueryNode, { type: 'range' }>): boolean {
  if (node.lower !== null && (node.includeLower ? value < node.lower : value <= node.lower)) return false;
  if (node.upper !== null && (node.includeUpper ? value > node.upper : value >= node.upper)) return false;
  return true;
}

/**
 * Whether `doc` matches the parsed `q`.
 * @example matchesQuery(doc, parseQueryString('code:J16* AND NOT obsolete:true'))
 */
export function matchesQuery(doc: NlmDocument, node: QueryNode): boolean {
  switch (node.type) {
    case 'all':
      return true;
    case 'term':
      return node.fields.some((f) => termMatches(doc, f, node));
    case 'phrase':
      return node.fields.some((f) => phraseMatches(doc, f, node));
    case 'range':
      return node.fields.some((f) => doc.words[f].some((w) => inRange(w, node)));
    case 'bool': {
      let required = false;
      let optional = false;
      let anyOptional = false;
      for (const { occur, node: child } of node.clauses) {
        if (occur === 'must') {
          required = true;
          if (!matchesQuery(doc, child)) return false;
        } else if (occur === 'mustNot') {
          if (matchesQuery(doc, child)) return false;
        } else {
          optional = true;
          if (!anyOptional && matchesQuery(doc, child)) anyOptional = true;
        }
      }
      // Optional clauses decide only when nothing is required; a group of only prohibited
      // clauses matches everything else (Elasticsearch adds match_all to a purely negative query).
      return required || !optional || anyOptional;
    }
  }
}
