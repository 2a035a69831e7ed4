// The sheets area's routes in the authorization table.
import type { AreaTable } from "./table";

export const sheets: AreaTable = {
  routes: {},
};
