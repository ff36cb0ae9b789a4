import { IsIn, IsOptional } from 'class-validator';
import { LOCALES } from '../../i18n/locales';

/**
 * `lang=ky|ru|en`, the language of a download. Unlike the pages, where an
 * unknown ?lang= is ignored, a download refuses it (BAD_USER_INPUT naming it):
 * a file in a language nobody asked for would pass unnoticed.
 */
export function withLangParameter(dto: new () => object): void {
  const proto = dto.prototype as object;
  IsOptional()(proto, 'lang');
  IsIn([...LOCALES], { message: `lang must be one of ${LOCALES.join(', ')}` })(proto, 'lang');
}
