import { isValidLocalDate } from '@banenpool/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DATE_RANGE_TEXT, inDateRange } from './date-range.js';

/** A calendar date 'YYYY-MM-DD' (Europe/Amsterdam), a real one (2026-02-30 is refused) and within the API's range. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => isValidLocalDate(value) && inDateRange(value),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a real date as YYYY-MM-DD, ${DATE_RANGE_TEXT}`,
      },
    },
    options,
  );
}
