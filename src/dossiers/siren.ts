/**
 * SIREN: 9 digits whose Luhn checksum is 0. La Poste's SIREN (356000000) is the one
 * documented exception: its digits sum to a multiple of 5 instead (INSEE).
 */
const LA_POSTE_SIREN = '356000000';

export function isValidSiren(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  if (value === LA_POSTE_SIREN) return true;
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    let digit = Number(value[8 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
