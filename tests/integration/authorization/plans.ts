// The plans area's routes in the authorization table.
import type { AreaTable } from "./table";

export const plans: AreaTable = {
  routes: {},
};
