/**
 * Kata 02-parse-selector.
 *
 * Examples are upstream's: TestSelectorParse, TestDeterministicParse, TestLexer/TestLexerSequence
 * (through the parser) and TestSetSelectorParser in
 * staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go. Error messages are the strings
 * the parser in selector.go builds (parse, parseRequirement, parseKeyAndInferOperator,
 * parseOperator, parseValues, parseIdentifiersList, parseExactValue); the "found 'IN'" and
 * "<nil>: Invalid value" forms are also what kubectl users see for `-l 'env IN (a)'` and `-l 'a:'`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseSelector } from '@kata/02-labels-selectors/parse-selector';
import { keyPool, requirement, selector, valuePool } from '../../core/labels/arbitraries';
import type { Operator, Requirement, Selector } from '../../core/labels/types';
import { runs } from '../../core/testing/runs';

const req = (key: string, operator: Operator, values: string[] = []): Requirement => ({ key, operator, values });
const sel = (...requirements: Requirement[]): Selector => ({ type: 'requirements', requirements });

const NAME_REGEX_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const OPERATORS_EXPECTED = 'expected: in, notin, =, ==, !=, gt, lt';

describe('parseSelector: valid selectors', () => {
  // TestSetSelectorParser (Valid = true) and TestSelectorParse testGoodStrings
  test.each<[string, Selector]>([
    ['', sel()],
    ['\rx', sel(req('x', 'exists'))],
    ['this-is-a-dns.domain.com/key-with-dash', sel(req('this-is-a-dns.domain.com/key-with-dash', 'exists'))],
    [
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
      sel(req('this-is-another-dns.domain.com/key-with-dash', 'in', ['so', 'what'])),
    ],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', sel(req('0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock']))],
    ['foo  in\t (abc)', sel(req('foo', 'in', ['abc']))],
    ['x notin\n (abc)', sel(req('x', 'notin', ['abc']))],
    ['x  notin\t\t\t(abc,def)', sel(req('x', 'notin', ['abc', 'def']))],
    ['x in (abc,def)', sel(req('x', 'in', ['abc', 'def']))],
    ['x in (abc,)', sel(req('x', 'in', ['', 'abc']))],
    ['x in ()', sel(req('x', 'in', ['']))],
    [
      'x notin (abc,,def),bar,z in (),w',
      sel(req('bar', 'exists'), req('w', 'exists'), req('x', 'notin', ['', 'abc', 'def']), req('z', 'in', [''])),
    ],
    ['x,y in (a)', sel(req('x', 'exists'), req('y', 'in', ['a']))],
    ['x=a', sel(req('x', '=', ['a']))],
    ['x>1', sel(req('x', 'gt', ['1']))],
    ['x<7', sel(req('x', 'lt', ['7']))],
    ['x=a,y!=b', sel(req('x', '=', ['a']), req('y', '!=', ['b']))],
    ['x=a,y!=b,z in (h,i,j)', sel(req('x', '=', ['a']), req('y', '!=', ['b']), req('z', 'in', ['h', 'i', 'j']))],
    ['x notin ( )', sel(req('x', 'notin', ['']))],
    ['x notin (, a)', sel(req('x', 'notin', ['', 'a']))],
    ['a ', sel(req('a', 'exists'))],
    ['a in (x,y,notin, z,in)', sel(req('a', 'in', ['in', 'notin', 'x', 'y', 'z']))],
    ['x=a,y=b,z=c', sel(req('x', '=', ['a']), req('y', '=', ['b']), req('z', '=', ['c']))],
    ['x=', sel(req('x', '=', ['']))],
    ['x= ', sel(req('x', '=', ['']))],
    ['x=,z= ', sel(req('x', '=', ['']), req('z', '=', ['']))],
    ['!x', sel(req('x', '!'))],
    ['x>1,z<5', sel(req('x', 'gt', ['1']), req('z', 'lt', ['5']))],
    ['x==a', sel(req('x', '==', ['a']))],
    ['notin=in', sel(req('notin', '=', ['in']))],
  ])('parses %j', (text, expected) => {
    expect(parseSelector(text)).toEqual(expected);
  });

  test('sorts requirements by key, so the order in the text does not matter (TestDeterministicParse)', () => {
    expect(parseSelector('x=a,a=x')).toEqual(parseSelector('a=x,x=a'));
    expect(parseSelector('x=a,a=x')).toEqual(sel(req('a', '=', ['x']), req('x', '=', ['a'])));
  });

  test('keeps two requirements on one key in the order they were written', () => {
    expect(parseSelector('z!=a,y,z')).toEqual(sel(req('y', 'exists'), req('z', '!=', ['a']), req('z', 'exists')));
  });

  test('drops duplicate values and sorts the rest', () => {
    expect(parseSelector('x in (b,a,b)')).toEqual(sel(req('x', 'in', ['a', 'b'])));
  });

  test('reads the longest operator: "!=" is one token, not "!" then "="', () => {
    expect(parseSelector('x!=a')).toEqual(sel(req('x', '!=', ['a'])));
  });
});

describe('parseSelector: errors', () => {
  // TestSelectorParse testBadStrings and TestSetSelectorParser (Valid = false), plus one case per
  // error branch of the parser.
  test.each<[string, string]>([
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${VALUE_REGEX_MSG}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', `unable to parse requirement: found 'nott', ${OPERATORS_EXPECTED}`],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', `unable to parse requirement: found '(', ${OPERATORS_EXPECTED}`],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['env IN (a)', `unable to parse requirement: found 'IN', ${OPERATORS_EXPECTED}`],
    ['x in in', "unable to parse requirement: found 'in' expected: '('"],
    ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x in (a,b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!x', "unable to parse requirement: found '!', expected: identifier"],
    ['a:', `unable to parse requirement: <nil>: Invalid value: "a:": name part ${NAME_REGEX_MSG}`],
    ['x>-1', `unable to parse requirement: values[0][x]: Invalid value: "-1": ${VALUE_REGEX_MSG}`],
  ])('rejects %j', (text, message) => {
    expect(() => parseSelector(text)).toThrow(message);
  });

  test('a key with a character no key may contain never parses, and the error names the key', () => {
    fc.assert(
      fc.property(fc.constantFrom('@', '~', '|', ':', '*'), keyPool(), (bad, key) => {
        expect(() => parseSelector(`${key}${bad}=x`)).toThrow(`unable to parse requirement: <nil>: Invalid value: "${key}${bad}"`);
      }),
      runs(50),
    );
  });
});

// A printer local to these tests: it puts optional whitespace between tokens, which the parser
// must ignore. It knows nothing about canonical form; that is kata 02-selector-to-string.
const WS = fc.array(fc.constantFrom(' ', '\t', '\n', '\r'), { maxLength: 2 }).map((ws) => ws.join(''));
const SYMBOL: Partial<Record<Operator, string>> = { '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<' };

function render(r: Requirement, ws: () => string): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${ws()}${r.key}`;
  if (r.operator === 'in' || r.operator === 'notin') {
    return `${r.key} ${ws()}${r.operator}${ws()}(${ws()}${r.values.join(`${ws()},${ws()}`)}${ws()})`;
  }
  return `${r.key}${ws()}${SYMBOL[r.operator]}${ws()}${r.values[0]}`;
}

function renderAll(requirements: Requirement[], spaces: string[]): string {
  let i = 0;
  const ws = () => spaces[i++ % spaces.length] ?? '';
  return ws() + requirements.map((r) => render(r, ws) + ws()).join(`,${ws()}`);
}

describe('parseSelector: properties', () => {
  test('whitespace between tokens never changes the result', () => {
    fc.assert(
      fc.property(selector({ keys: keyPool(), values: valuePool() }), fc.array(WS, { minLength: 1, maxLength: 8 }), (s, spaces) => {
        if (s.type !== 'requirements') return;
        const text = renderAll(s.requirements, spaces);
        expect(parseSelector(text), `parsing ${JSON.stringify(text)}`).toEqual(s);
      }),
      runs(200),
    );
  });

  test('the order of requirements and of values in the text, and repeated values, do not change the result', () => {
    const distinctKeys = fc.uniqueArray(requirement({ keys: keyPool(), values: valuePool() }), {
      selector: (r) => r.key,
      maxLength: 4,
    });
    fc.assert(
      fc.property(distinctKeys, fc.context(), (requirements, ctx) => {
        const canonical = sel(...[...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
        // Reverse the requirements, and within each set reverse and repeat the values.
        const scrambled = [...requirements]
          .reverse()
          .map((r) => (r.operator === 'in' || r.operator === 'notin' ? { ...r, values: [...r.values].reverse().concat(r.values) } : r));
        const text = renderAll(scrambled, ['']);
        ctx.log(text);
        expect(parseSelector(text)).toEqual(canonical);
      }),
      runs(200),
    );
  });
});
