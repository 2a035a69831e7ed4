// The file names of the progress list downloads (the header itself: app/domain/attachments/download.ts).

/** "白井市協働プラン" → "白井市協働プラン_進捗一覧"; a name that already says 進捗一覧 is kept. */
export function progressFileBase(planName: string): string {
  return planName.includes("進捗一覧") ? planName : `${planName}_進捗一覧`;
}
