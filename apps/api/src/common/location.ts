// The location fields a worker's registration and a new site share: a postcode, coordinates when
// the pool's table of places does not know the postcode's area, or (as clients sent before) a
// town's name. A body that locates nothing the allocation could reach is malformed (400) here,
// with the same words the decider would refuse it with.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsString, Length, ValidateBy, type ValidationArguments } from 'class-validator';
import { isInNetherlands, outsideNetherlandsMessage, placeNamed, resolveLocation } from '@banenpool/domain';
import { NestedObject, Optional } from './validators.js';

export class CoordinatesDto {
  @ApiProperty({ example: 52.51, description: 'Latitude, WGS84 degrees (the Netherlands: 50.7–53.7)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lat: number;

  @ApiProperty({ example: 6.09, description: 'Longitude, WGS84 degrees (the Netherlands: 3.3–7.3)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lon: number;
}

interface LocationBody {
  postcode?: unknown;
  coordinates?: unknown;
  [legacyField: string]: unknown;
}

/** The postcode, unless the legacy field names the town instead; known to the table, or given with coordinates. */
export function PostcodeProperty(legacyField: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      example: '8011 AB',
      description: `Dutch postcode (1234 AB or 1234AB). Required unless ${legacyField} names a town; outside the towns the pool knows, give coordinates with it.`,
    }),
    ValidateBy({
      name: 'isLocatingPostcode',
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => postcodeProblem(args!.object as LocationBody, legacyField) === undefined,
        defaultMessage: (args?: ValidationArguments) => postcodeProblem(args!.object as LocationBody, legacyField) ?? '',
      },
    }),
  );
}

function postcodeProblem({ postcode, coordinates, ...body }: LocationBody, legacyField: string): string | undefined {
  if (postcode === undefined) {
    if (coordinates !== undefined) return 'postcode must be given with the coordinates';
    return body[legacyField] === undefined
      ? `postcode is required (e.g. 7511 AB; or, as before, ${legacyField}: a town's name)`
      : undefined;
  }
  if (typeof postcode !== 'string') return 'postcode must be a string such as "7511 AB"';
  const resolved = resolveLocation({ postcode });
  if (resolved.ok || (resolved.code === 'unknown_postcode' && coordinates !== undefined)) return undefined;
  return resolved.message;
}

/** Coordinates inside the Netherlands, for a postcode the table does not know or to be more precise than a town's centre. */
export function CoordinatesProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: CoordinatesDto,
      description: 'Where exactly: needed when the pool’s table of places does not know the postcode',
    }),
    Optional(),
    NestedObject(() => CoordinatesDto),
    ValidateBy({
      name: 'isInNetherlands',
      validator: {
        // Numbers only: CoordinatesDto reports anything else.
        validate: (value: unknown) => !hasNumbers(value) || isInNetherlands(value),
        defaultMessage: (args?: ValidationArguments) => outsideNetherlandsMessage(args!.value as CoordinatesDto),
      },
    }),
  );
}

const hasNumbers = (value: unknown): value is CoordinatesDto =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CoordinatesDto).lat === 'number' &&
  typeof (value as CoordinatesDto).lon === 'number';

/** The town's name clients sent before postcodes ('hengelo'): still accepted when the table knows the town. */
export function LegacyPlaceProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      example: 'hengelo',
      description: 'Before postcodes: the name of a town the pool knows, located at its centre. Ignored when a postcode is given.',
    }),
    Optional(),
    IsString(),
    Length(1, 100),
    ValidateBy({
      name: 'isKnownPlace',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          (args!.object as LocationBody).postcode !== undefined || (typeof value === 'string' && placeNamed(value) !== undefined),
        defaultMessage: (args?: ValidationArguments) => {
          const resolved = resolveLocation({ place: String(args!.value) });
          return resolved.ok ? '' : resolved.message;
        },
      },
    }),
  );
}
