// A minimal standalone error page for responses made outside Remix (Origin refusals, crashes).
const TITLES: Record<number, string> = {
  400: "送信内容を読み取れません",
  403: "アクセスできません",
  411: "送信内容を読み取れません",
  413: "送信内容が大きすぎます",
  415: "送信内容を読み取れません",
  421: "アドレスが違います",
  500: "エラーが発生しました",
};

export function errorPage(status: number, message: string): string {
  const title = TITLES[status] ?? "エラー";
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title} | 協働マッチングポータル</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">トップページへ戻る</a></p></main></body></html>`;
}
