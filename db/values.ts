// Values the app makes itself so that SQLite and PostgreSQL store exactly the same thing.
import { randomUUID } from "node:crypto";


export function newId(): string {
  return randomUUID();
}

export function now(): string {
  return new Date().toISOString();
}

/** A unique or primary-key constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
