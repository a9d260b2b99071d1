/** Roles of signed-in users (see docs/PRIVACY.md for what each one sees). */
export type UserRole = 'admin' | 'coordinator' | 'copil' | 'funder';

export const USER_ROLES: readonly UserRole[] = ['admin', 'coordinator', 'copil', 'funder'];

/** `GET /api/auth/me`, and the body of a successful `POST /api/auth/login`. */
export interface AuthUser {
  id: number;
  email: string;
  role: UserRole;
  /** 'national', 'region:11', 'department:95', … */
  territories: string[];
  mustChangePassword: boolean;
}

/** `GET /api/users` (admins). */
export interface UserAccount extends AuthUser {
  disabled: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  createdAt: string;
  lastLoginAt: string | null;
}

/** `POST /api/users` and `POST /api/users/:id/reset-password`: the password is shown once. */
export interface UserWithPassword {
  user: UserAccount;
  temporaryPassword: string;
}

/** `GET /api/api-keys` (admins): never the key itself, only its first characters. */
export interface ApiKeySummary {
  id: number;
  name: string;
  source: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** `POST /api/api-keys`: the key is shown once; only its SHA-256 is stored. */
export interface CreatedApiKey extends ApiKeySummary {
  key: string;
}
