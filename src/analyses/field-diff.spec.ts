import { fieldDiff } from './field-diff.js';

describe('fieldDiff', () => {
  it.each([
    ['same scalars', { a: 1, b: 'x' }, { a: 1, b: 'x' }, []],
    ['one scalar changed', { a: 1, b: 'x' }, { a: 2, b: 'x' }, [{ path: 'a', before: 1, after: 2 }]],
    ['null to a value', { a: null }, { a: 'texte' }, [{ path: 'a', before: null, after: 'texte' }]],
    [
      'nested field in a list',
      { list: [{ label: 'a', n: 1 }] },
      { list: [{ label: 'b', n: 1 }] },
      [{ path: 'list[0].label', before: 'a', after: 'b' }],
    ],
    ['item added', { list: [1] }, { list: [1, 2] }, [{ path: 'list[1]', before: null, after: 2 }]],
    ['item removed', { list: [1, 2] }, { list: [1] }, [{ path: 'list[1]', before: 2, after: null }]],
    ['nested object', { o: { x: 1 } }, { o: { x: 1, y: 2 } }, [{ path: 'o.y', before: null, after: 2 }]],
    ['object replaced by null', { o: { x: 1 } }, { o: null }, [{ path: 'o', before: { x: 1 }, after: null }]],
  ])('%s', (_name, before, after, expected) => {
    expect(fieldDiff(before, after)).toEqual(expected);
  });
});
