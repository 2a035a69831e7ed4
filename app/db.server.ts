// Routes reach the database through this `.server` module so that the driver never enters the browser bundle.
export { getDb } from "../db/index";
export type { DB } from "../db/index";
