import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

/** An optional list of ids to link (barriers, organisations, indicators). */
export function OptionalIdList(): PropertyDecorator {
  return applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(100), IsUUID(undefined, { each: true }));
}
