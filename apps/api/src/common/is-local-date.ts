import { isValidLocalDate } from '@banenpool/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A calendar date 'YYYY-MM-DD' (Europe/Amsterdam), and a real one: 2026-02-30 is refused. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => isValidLocalDate(value),
        defaultMessage: (args) => `${args?.property ?? "date"} must be a real date as YYYY-MM-DD`,
      },
    },
    options,
  );
}
