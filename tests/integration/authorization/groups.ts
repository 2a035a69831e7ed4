// The groups area's routes in the authorization table.
import type { AreaTable } from "./table";

export const groups: AreaTable = {
  routes: {},
};
