import { deeperThan, MAX_JSON_DEPTH } from './body-parsers.js';

describe('deeperThan', () => {
  const nested = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = { a: [value] };
    return value;
  };

  it.each([
    [1, { a: 1 }, false],
    [1, { a: { b: 1 } }, true],
    [2, { a: { b: 1 } }, false],
    [2, [[1]], false],
    [2, [[[1]]], true],
    [0, 'text', false],
  ])('limit %i: %j → %s', (limit, value, expected) => {
    expect(deeperThan(value, limit)).toBe(expected);
  });

  it('measures 100,000 levels without a recursion (no stack to overflow)', () => {
    expect(deeperThan(nested(50_000), MAX_JSON_DEPTH)).toBe(true);
  });

  it('lets the deepest DTO through', () => {
    expect(deeperThan(nested(MAX_JSON_DEPTH / 2), MAX_JSON_DEPTH)).toBe(false);
  });
});
