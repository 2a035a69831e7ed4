// Every migration, in order. Listed here (not read from the folder) so the same list works from the
// Remix server bundle, the CLI and the tests. A landed migration is frozen: add a new one instead.
import type { Migration } from "kysely";
import * as foundation from "./2026-11-23-01-foundation";
import * as plans from "./2026-11-23-02-plans";
import * as groupProfiles from "./2026-11-23-03-group-profiles";
import * as matchingSheets from "./2026-11-23-04-matching-sheets";
import * as calls from "./2026-11-23-05-calls";
import * as notifications from "./2026-11-23-07-notifications";
import * as proposals from "./2026-11-23-08-proposals";
import * as reviews from "./2026-12-02-09-reviews";
import * as awards from "./2026-12-02-10-awards";
import * as addressVerification from "./2026-12-02-11-address-verification";
import * as twoFactor from "./2026-12-02-12-two-factor";
import * as indexes from "./2026-12-02-14-indexes";
import * as boundedQueryIndexes from "./2026-12-02-15-bounded-query-indexes";
import * as pagedListIndexes from "./2026-12-03-16-paged-list-indexes";
import * as notificationPages from "./2026-12-03-17-notification-pages";
import * as historyAndUnreadIndexes from "./2026-12-03-18-history-and-unread-indexes";
import * as auditDeletedActor from "./2026-12-04-19-audit-deleted-actor";
import * as auditLogOrderIndex from "./2026-12-04-20-audit-log-order-index";
import * as deepPageIndexes from "./2026-12-05-11-deep-page-indexes";
import * as accountSource from "./2026-12-05-31-account-source";
import * as reviewerListIndexes from "./2026-12-05-41-reviewer-list-indexes";
import * as recordLookupIndexes from "./2026-12-05-61-record-lookup-indexes";
import * as departmentProposalListIndex from "./2026-12-06-21-department-proposal-list-index";
import * as projectListOrder from "./2026-12-06-73-project-list-order";
import * as reviewConflictIndexes from "./2026-12-06-81-review-conflict-indexes";

export const migrations: Record<string, Migration> = {
  "2026-11-23-01-foundation": foundation,
  "2026-11-23-02-plans": plans,
  "2026-11-23-03-group-profiles": groupProfiles,
  "2026-11-23-04-matching-sheets": matchingSheets,
  "2026-11-23-05-calls": calls,
  "2026-11-23-07-notifications": notifications,
  "2026-11-23-08-proposals": proposals,
  "2026-12-02-09-reviews": reviews,
  "2026-12-02-10-awards": awards,
  "2026-12-02-11-address-verification": addressVerification,
  "2026-12-02-12-two-factor": twoFactor,
  "2026-12-02-14-indexes": indexes,
  "2026-12-02-15-bounded-query-indexes": boundedQueryIndexes,
  "2026-12-03-16-paged-list-indexes": pagedListIndexes,
  "2026-12-03-17-notification-pages": notificationPages,
  "2026-12-03-18-history-and-unread-indexes": historyAndUnreadIndexes,
  "2026-12-04-19-audit-deleted-actor": auditDeletedActor,
  "2026-12-04-20-audit-log-order-index": auditLogOrderIndex,
  "2026-12-05-11-deep-page-indexes": deepPageIndexes,
  "2026-12-05-31-account-source": accountSource,
  "2026-12-05-41-reviewer-list-indexes": reviewerListIndexes,
  "2026-12-05-61-record-lookup-indexes": recordLookupIndexes,
  "2026-12-06-21-department-proposal-list-index": departmentProposalListIndex,
  "2026-12-06-73-project-list-order": projectListOrder,
  "2026-12-06-81-review-conflict-indexes": reviewConflictIndexes,
};
