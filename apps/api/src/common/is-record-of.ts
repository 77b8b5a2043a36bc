import { ValidateBy, type ValidationOptions } from 'class-validator';

const KEY = /^[A-Za-z0-9_.-]{1,50}$/;
const MAX_ENTRIES = 100;

/** A JSON object with short plain keys (at most 100) whose every value passes `check`. */
export function IsRecordOf(check: (value: unknown) => boolean, what: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRecordOf',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_ENTRIES &&
          Object.entries(value).every(([key, entry]) => KEY.test(key) && check(entry)),
        defaultMessage: (args) => `${args?.property} must be an object of at most ${MAX_ENTRIES} entries, each ${what}`,
      },
    },
    options,
  );
}

export const isCentsValue = (value: unknown): boolean =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 100_000_00;
export const isCentsList = (value: unknown): boolean =>
  Array.isArray(value) && value.length > 0 && value.length <= 50 && value.every(isCentsValue);
export const isBasisPoints = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 30_000;
