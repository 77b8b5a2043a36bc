import { IsDefined, IsObject, ValidateBy, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';
import { Type } from 'class-transformer';

/**
 * Optional in a body means "may be left out", not "may be null": null is validated like any
 * other value (and refused by the field's own rules), so it never reaches a decider.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** A required nested object: present, an object (not an array), and valid itself. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return (target, property) => {
    IsDefined()(target, property);
    IsObject()(target, property);
    ValidateNested()(target, property);
    Type(type)(target, property);
  };
}

/**
 * Hours a week in quarter hours within a range. A hand-written check because
 * IsNumber({ maxDecimalPlaces }) throws on numbers written with an exponent (1e-7).
 */
export function IsHours(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHours',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value * 4) && value >= min && value <= max,
        defaultMessage: (args) => `${args?.property} must be a number of hours from ${min} to ${max} in quarter hours (e.g. 24 or 25.5)`,
      },
    },
    options,
  );
}
