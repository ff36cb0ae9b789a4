import { Role } from './role.enum';

/**
 * Who is making a request: the token's identity and the request id. Services
 * take it to scope MINISTRY writes, to fill changedBy/recordedBy, and to write
 * the audit trail.
 */
export interface Actor {
  /** null for the bootstrap ADMIN_TOKEN and for anonymous readers. */
  tokenId: string | null;
  /** The person's display name, or the token's name (e.g. "mlsp-statistics"), "bootstrap-admin" or "anonymous". */
  name: string;
  role: Role;
  /** The organisation a MINISTRY token acts for; null otherwise. */
  organizationId: string | null;
  requestId: string | null;
  /** The person: a signed-in user, or the owner of a personal token. Absent/null for other callers. */
  userId?: string | null;
  /** Set when the request was authenticated by a session cookie (so its forms need the CSRF token). */
  session?: { idHash: string; csrfToken: string };
}
