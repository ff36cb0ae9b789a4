import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { MAX_FOCAL_POINTS } from '../../responsibility/dto/set-focal-points.input';
import { ListControl } from '../forms/form-controls';

/** The focal points form: setFocalPoints' `userIds` from checkboxes (the organisation is the page's). */
export class FocalPointsForm {
  @ListControl()
  @IsArray()
  @ArrayMaxSize(MAX_FOCAL_POINTS)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  userIds: string[];
}
