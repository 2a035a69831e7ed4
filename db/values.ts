// Values the app makes itself so that SQLite and PostgreSQL store exactly the same thing.
import { randomUUID } from "node:crypto";


export function newId(): string {
  return randomUUID();
}

export function now(): string {
  return new Date().toISOString();
}
