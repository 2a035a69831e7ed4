// A minimal standalone error page for responses made outside Remix (Origin refusals, crashes).
const TITLES: Record<number, string> = { 403: "アクセスできません", 500: "エラーが発生しました" };

export function errorPage(status: number, message: string): string {
  const title = TITLES[status] ?? "エラー";
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title} | 協働マッチングポータル</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">トップページへ戻る</a></p></main></body></html>`;
}
