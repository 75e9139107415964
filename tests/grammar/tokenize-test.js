// Tokenises every shipped .rules file with docs/syntax/rules.tmLanguage.json, through vscode-textmate and
// vscode-oniguruma (the engine VS Code runs), and checks the scopes of the tokens that matter to a reader:
// comments, declaration keywords and names, citations, treaty quotations, numbers with units, outcomes,
// clause keywords, operators, strings. What each token should be is found here from the text itself, with
// regular expressions that know nothing of the grammar; no token of a shipped file may be left invalid.
// Usage: node tokenize-test.js [rules folder]   (default: the repository's rules/). Exit code 0 when all pass.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const repo = path.resolve(__dirname, '..', '..');
const grammarPath = path.join(repo, 'docs', 'syntax', 'rules.tmLanguage.json');
const rulesFolder = path.resolve(process.argv[2] || path.join(repo, 'rules'));

const failures = [];
let checks = 0;
function check(ok, where, message) {
  checks++;
  if (!ok) failures.push(`${where}: ${message}`);
}

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.rules' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  return registry.loadGrammar('source.rules');
}

/** Each line's tokens, the rule stack carried from line to line as an editor does. */
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return { line, tokens: result.tokens };
  });
}

/** The scopes of the token covering column `at` of a tokenised line. */
function scopesAt(tokenized, at) {
  const token = tokenized.tokens.find((t) => t.startIndex <= at && at < t.endIndex);
  return token ? token.scopes : [];
}

/** Expect every column of [start, end) to carry `scope` (as a prefix of one of its scopes). */
function expectScope(tokenized, start, end, scope, where, what) {
  for (let at = start; at < end; at++) {
    const scopes = scopesAt(tokenized, at);
    if (!scopes.some((s) => s === scope || s.startsWith(scope + '.'))) {
      check(false, where, `${what} '${tokenized.line.slice(start, end)}' at column ${at + 1} has [${scopes.join(', ')}], not ${scope}`);
      return;
    }
  }
  check(true, where, '');
}

/**
 * The code of a line with the text of strings and comments blanked out (same columns), found without the
 * grammar: a '"' opens a string that the next unescaped '"' closes; a '#' outside a string starts a comment
 * (its '#' is kept, to find it).
 */
function codeOnly(line) {
  let out = '';
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\' && i + 1 < line.length) { out += '  '; i++; continue; }
      if (c === '"') inString = false;
      out += c === '"' ? '"' : ' ';
      continue;
    }
    if (c === '#') return out + '#' + ' '.repeat(line.length - i - 1);
    if (c === '"') inString = true;
    out += c;
  }
  return out;
}

const NAME = '[\\p{L}][\\p{L}\\p{N}_]*(?:-[\\p{L}\\p{N}_]+)*';
const WORD_END = '(?![\\p{L}\\p{N}_-])';
const WORD_START = '(?<![\\p{L}\\p{N}_-])';
const words = (list) => new RegExp(WORD_START + '(' + list.join('|') + ')' + WORD_END, 'gu');

// What each kind of token is, found in the code of a line (strings and comments blanked).
const CODE_TOKENS = [
  { what: 'outcome', re: words(['permitted', 'prohibited', 'consent-required', 'notification-required', 'assurances-required', 'undetermined']), scope: 'constant.language.outcome.rules' },
  { what: 'clause keyword', re: words(['on', 'when', 'then', 'requires', 'grants', 'expect', 'consents', 'notifications', 'default', 'overlaps', 'because']), scope: 'keyword.control' },
  { what: 'requirement', re: words(['consent', 'notification', 'assurances', 'written']), scope: 'keyword.other.requirement.rules' },
  { what: 'logical operator', re: words(['and', 'or', 'not']), scope: 'keyword.operator.logical.rules' },
  { what: 'membership operator', re: words(['in', 'has']), scope: 'keyword.operator.membership.rules' },
  { what: 'comparison', re: /==|!=|<=|>=|<(?!=)|>(?!=)/g, scope: 'keyword.operator.comparison.rules' },
  { what: 'type', re: words(['bool', 'text', 'enum', 'list']), scope: 'storage.type.rules' },
];

function checkFile(grammar, file, counts) {
  const text = fs.readFileSync(file, 'utf8');
  const name = path.basename(file);
  const lines = tokenize(grammar, text);
  const seen = { comment: 0, declaration: 0, citation: 0, quotation: 0, reason: 0, number: 0, unit: 0, outcome: 0, keyword: 0 };
  lines.forEach((tokenized, index) => {
    const where = `${name}:${index + 1}`;
    const line = tokenized.line;
    for (const t of tokenized.tokens)
      check(!t.scopes.some((s) => s.startsWith('invalid')), where, `'${line.slice(t.startIndex, t.endIndex)}' is invalid`);

    // A comment line is comment from its '#' to its end.
    const comment = /^(\s*)#/.exec(line);
    if (comment) {
      expectScope(tokenized, comment[1].length, line.length, 'comment.line.number-sign.rules', where, 'comment');
      seen.comment++;
      return;
    }
    const code = codeOnly(line);
    // A comment after code runs from its '#' (one outside any string) to the end of the line.
    const hash = code.indexOf('#');
    if (hash >= 0) {
      expectScope(tokenized, hash, line.length, 'comment.line.number-sign.rules', where, 'trailing comment');
      seen.comment++;
    }

    // Declarations: keyword, then the declared name.
    const declaration = new RegExp(`^(\\s*)(rule|agreement|activity|type|fact|define|set)\\s+(${NAME})`, 'u').exec(code);
    if (declaration) {
      const start = declaration[1].length;
      expectScope(tokenized, start, start + declaration[2].length, 'keyword.declaration', where, 'declaration keyword');
      const nameStart = declaration.index + declaration[0].length - declaration[3].length;
      const nameScope = { rule: 'entity.name.function.rule.rules', agreement: 'entity.name.namespace.agreement.rules',
        activity: 'entity.name.function.activity.rules', type: 'entity.name.type.rules', fact: 'variable.other.declaration.fact.rules',
        define: 'variable.other.declaration.definition.rules', set: 'variable.other.declaration.definition.rules' }[declaration[2]];
      expectScope(tokenized, nameStart, nameStart + declaration[3].length, nameScope, where, `${declaration[2]}'s name`);
      seen.declaration++;
    }
    if (/^\s*example\b/.test(code)) { expectScope(tokenized, code.indexOf('example'), code.indexOf('example') + 7, 'keyword.declaration.example.rules', where, 'example'); seen.declaration++; }

    // Citations, quotations and advisories: the keyword, then its quoted text, inside its own scope.
    for (const [keyword, scope] of [['cites', 'string.quoted.double.citation.rules'], ['quote', 'string.quoted.double.quotation.rules'], ['because', 'string.quoted.double.reason.rules'], ['advisory', 'string.quoted.double.advisory.rules']]) {
      const m = new RegExp(`${WORD_START}${keyword}\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'u').exec(line);
      if (!m || code.slice(m.index, m.index + keyword.length) !== keyword) continue;
      expectScope(tokenized, m.index, m.index + keyword.length, keyword === 'advisory' ? 'keyword.other.outcome.advisory.rules' : 'keyword.control', where, keyword);
      const textStart = m.index + m[0].length - 1 - m[1].length;
      expectScope(tokenized, textStart, textStart + m[1].length, scope, where, `${keyword} text`);
      if (keyword === 'cites') seen.citation++;
      if (keyword === 'quote') seen.quotation++;
      if (keyword === 'because') seen.reason++;
    }
    // Other strings (titles, sources, example names, fact descriptions).
    const title = /^\s*(?:title|source|example)\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    if (title) {
      const textStart = title.index + title[0].length - 1 - title[1].length;
      expectScope(tokenized, textStart, textStart + title[1].length, 'string.quoted.double.rules', where, 'string');
    }

    // Numbers, with their unit when one follows.
    for (const m of code.matchAll(/(?<![\p{L}\p{N}_.-])(\d+(?:\.\d+)?)(?:(\s*)(%|kg|g)(?![\p{L}\p{N}_-]))?/gu)) {
      expectScope(tokenized, m.index, m.index + m[1].length, 'constant.numeric.decimal.rules', where, 'number');
      seen.number++;
      if (m[3]) {
        const unitStart = m.index + m[1].length + m[2].length;
        expectScope(tokenized, unitStart, unitStart + m[3].length, 'keyword.other.unit.rules', where, 'unit');
        seen.unit++;
      }
    }
    // A declared name is a name, whatever word it is (the vocabulary declares a fact 'assurances').
    const named = declaration ? declaration[0].length : 0;
    for (const kind of CODE_TOKENS)
      for (const m of code.matchAll(kind.re)) {
        if (m.index < named) continue;
        expectScope(tokenized, m.index, m.index + m[0].length, kind.scope, where, kind.what);
        if (kind.what === 'outcome') seen.outcome++;
        else seen.keyword++;
      }
  });
  // Every shipped file has comments, declarations and keywords; the other kinds are counted over all files.
  check(seen.comment > 0, name, 'no comment was checked');
  check(seen.declaration > 0, name, 'no declaration was checked');
  check(seen.keyword > 0, name, 'no keyword was checked');
  for (const k of Object.keys(seen)) counts[k] = (counts[k] || 0) + seen[k];
}

/** Tricky tokens, each with the scope it must have: the cases a plain word or number rule would get wrong. */
function checkSamples(grammar) {
  const samples = [
    ['define special = material in { plutonium, uranium-233 } and enrichment > 0.711 %', 'uranium-233', 'variable.other.rules'],
    ['define special = material in { plutonium, uranium-233 } and enrichment > 0.711 %', '0.711', 'constant.numeric.decimal.rules'],
    ['define special = material in { plutonium, uranium-233 } and enrichment > 0.711 %', '%', 'keyword.other.unit.rules'],
    ['  when quantity + year_total >= 2 kg', 'kg', 'keyword.other.unit.rules'],
    ['  when quantity + year_total >= 2 kg', '+', 'keyword.operator.arithmetic.rules'],
    ['  when quantity + year_total >= 2 kg', 'year_total', 'variable.other.rules'],
    ['  expect consent-required', 'consent-required', 'constant.language.outcome.rules'],
    ['  then requires written consent of supplier', 'consent', 'keyword.other.requirement.rules'],
    ['  then requires written consent of supplier', 'supplier', 'variable.other.rules'],
    ['fact enrichment : number % "U-235 \\"content\\" # not a comment"', '%', 'keyword.other.unit.rules'],
    ['fact enrichment : number % "U-235 \\"content\\" # not a comment"', '\\"', 'constant.character.escape.rules'],
    ['fact enrichment : number % "U-235 \\"content\\" # not a comment"', '# not a comment', 'string.quoted.double.rules'],
    ['agreement JP-US-1988 continued {', 'JP-US-1988', 'entity.name.namespace.agreement.rules'],
    ['agreement JP-US-1988 continued {', 'continued', 'keyword.control.clause.rules'],
    ['rule jp-us-art6-enrich-heu cites "Art. 6" # Art. 6 again', 'Art. 6', 'string.quoted.double.citation.rules'],
    ['rule jp-us-art6-enrich-heu cites "Art. 6" # Art. 6 again', '# Art. 6 again', 'comment.line.number-sign.rules'],
    ['  quote "ウランを濃縮することができる。"', 'ウランを濃縮することができる。', 'string.quoted.double.quotation.rules'],
    ['  when not irradiated or enrichment is given', 'not', 'keyword.operator.logical.rules'],
    ['  when not irradiated or enrichment is given', 'given', 'keyword.control.clause.rules'],
    ['  when agreements has "JP-FR-1990"', 'has', 'keyword.operator.membership.rules'],
    ['  overlaps jp-us-art6-below-20, jp-us-art6-20-or-more', 'overlaps', 'keyword.control.overlaps.rules'],
    ['  overlaps jp-us-art6-below-20, jp-us-art6-20-or-more', 'jp-us-art6-20-or-more', 'variable.other.rules'],
    ['    because "Art. 8(2) forbids it # whatever holds"', 'because', 'keyword.control.because.rules'],
    ['    because "Art. 8(2) forbids it # whatever holds"', 'Art. 8(2) forbids it # whatever holds', 'string.quoted.double.reason.rules'],
    ['    because', 'because', 'keyword.control.because.rules'],
  ];
  for (const [line, token, scope] of samples) {
    const tokenized = tokenize(grammar, line)[0];
    const start = line.indexOf(token);
    expectScope(tokenized, start, start + token.length, scope, `sample '${line}'`, 'token');
  }
  // An unknown character is marked, so the invalid check over the shipped files can fail.
  const odd = tokenize(grammar, 'define x = a ; b')[0];
  check(scopesAt(odd, 'define x = a '.length).some((s) => s.startsWith('invalid')), 'sample', "';' is not marked invalid");
  return samples.length + 1;
}

(async () => {
  const grammar = await loadGrammar();
  const files = fs.readdirSync(rulesFolder).filter((f) => f.endsWith('.rules')).sort().map((f) => path.join(rulesFolder, f));
  if (files.length === 0) { console.error(`no .rules file in ${rulesFolder}`); process.exit(2); }
  const counts = {};
  for (const file of files) checkFile(grammar, file, counts);
  const samples = checkSamples(grammar);
  // Over all files, each kind of token was met and checked.
  for (const kind of ['comment', 'declaration', 'citation', 'quotation', 'reason', 'number', 'unit', 'outcome', 'keyword'])
    check(counts[kind] > 0, 'shipped rules', `no ${kind} was checked`);
  for (const f of failures.slice(0, 50)) console.log('FAIL ' + f);
  if (failures.length > 50) console.log(`… and ${failures.length - 50} more failures`);
  console.log(`files: ${files.length}; samples: ${samples}; checked: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`${checks - failures.length} passed, ${failures.length} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
})().catch((e) => { console.error(e && e.stack || String(e)); process.exit(2); });
