// Dutch postcodes: four digits (the PC4 area, never starting with 0) and two capital letters.

/** A full postcode as the pool writes it: '7511 AB'. */
export type Postcode = string & { readonly __brand: 'Postcode' };

/** As people type it: with or without the space, letters in either case, spaces around it. */
const TYPED = /^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$/;

/** A full postcode ('7511 AB') or, when no more is known, only its PC4 area ('7511'). As recorded in events. */
export const RECORDED_POSTCODE = /^[1-9][0-9]{3}( [A-Z]{2})?$/;

/**
 * The postcode in its one written form, '7511 AB', or undefined when it is none. Accepts '7511AB',
 * '7511 ab' and surrounding spaces; refuses a leading 0, other lengths, and letters elsewhere.
 * (The letter pairs SA, SD and SS are not issued; a table of issued postcodes would know, this does not.)
 */
export function normalizePostcode(typed: string): Postcode | undefined {
  const match = TYPED.exec(typed);
  return match ? (`${match[1]} ${match[2].toUpperCase()}` as Postcode) : undefined;
}

/** The PC4 area of a recorded postcode or of a PC4: 7511 for '7511 AB'. */
export function pc4Of(postcode: string): number {
  return Number(postcode.slice(0, 4));
}
