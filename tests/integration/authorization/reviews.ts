// reviews in the authorization table: one row per route file of the area (filled in with its routes).
import type { AreaTable } from "./table";

export const reviews: AreaTable = {
  routes: {},
};
