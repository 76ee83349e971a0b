import { validate } from 'class-validator';
import { decimalPlaces, IsDecimal } from './validation.js';

describe('decimalPlaces', () => {
  it.each([
    [0, 0],
    [12, 0],
    [1.25, 2],
    [-0.5, 1],
    [1e21, 0],
    [1.5e-7, 8],
    [5e-324, 324],
  ])('%d has %i decimals', (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});

describe('IsDecimal', () => {
  class Probe {
    @IsDecimal(2, 'deux décimales au plus')
    value!: unknown;
  }
  const errorsFor = async (value: unknown) => {
    const probe = Object.assign(new Probe(), { value });
    return (await validate(probe)).length;
  };

  it('accepts up to two decimals', async () => {
    expect(await errorsFor(12.5)).toBe(0);
    expect(await errorsFor(0.01)).toBe(0);
  });

  // IsNumber({ maxDecimalPlaces }) threw a TypeError on these (a 500 through the API).
  it.each([5e-324, 1e-7, 0.001, Number.NaN, Number.POSITIVE_INFINITY, '1.5', null])('refuses %p', async (value) => {
    expect(await errorsFor(value)).toBe(1);
  });
});
