import { SetMetadata } from '@nestjs/common';
import { Role } from './role.enum';

export const ROLES_KEY = 'tracker:roles';

/**
 * The roles allowed to call an operation (GraphQL query/mutation or HTTP route).
 * Every operation must declare them: the global AuthGuard refuses those that don't.
 * `@Roles(...READERS)` is how a read is opened to every role (and to anonymous
 * readers when PUBLIC_READ=true).
 */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, [...roles]);

export const PUBLIC_KEY = 'tracker:public';

/** No authentication at all (health checks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
