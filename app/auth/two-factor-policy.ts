// Who must use two-step sign-in. Browser-safe: the account page says so with the same rule the guards use.
import type { Role } from "../../db/schema";

/** Every role that sees more than its own group: staff, reviewers, the coordinator and administrators. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["department_staff", "reviewer", "coordinator", "admin"];

export function requiresSecondFactor(roles: readonly Role[]): boolean {
  return roles.some((role) => SECOND_FACTOR_ROLES.includes(role));
}

/** How long a password entered (at sign-in or again) lets the account change its password, address or second factor. */
export const REAUTHENTICATION_MINUTES = Number(
  (typeof process !== "undefined" ? process.env.REAUTHENTICATION_MINUTES : undefined) ?? 15,
);
