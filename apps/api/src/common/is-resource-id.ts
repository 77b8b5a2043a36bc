import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Ids chosen by clients become part of stream ids: lowercase letters, digits and _.- only. */
export const RESOURCE_ID = /^[a-z0-9][a-z0-9_.-]{0,59}$/;

export function IsResourceId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isResourceId',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && RESOURCE_ID.test(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'id'} must be 1-60 lowercase letters, digits or _.- (starting with a letter or digit)`,
      },
    },
    options,
  );
}
