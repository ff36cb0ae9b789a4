import { CanActivate, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.service';

/** PUBLIC_SITE=false: the public pages do not exist (404, as for any unknown page). */
@Injectable()
export class PublicSiteGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.get('PUBLIC_SITE')) throw new NotFoundException('The public site is switched off (PUBLIC_SITE=false)');
    return true;
  }
}
