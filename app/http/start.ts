// `npm start`: migrate, load the demo into an empty database, then serve.
import { databaseUrl, engine, getDb } from "../../db/index";
import { DEMO_PASSWORD, isEmpty, loadDemo } from "../../db/demo";
import { migrateToLatest } from "../../db/migrate";
import { ROLE_LABELS } from "../auth/permissions";
import { createApp } from "./server";

const db = getDb();
const applied = await migrateToLatest(db);
if (applied.length > 0) console.log(`データベースを更新しました: ${applied.join(", ")}`);

if (process.env.DEMO_DATA !== "off" && (await isEmpty(db))) {
  const users = await loadDemo(db);
  console.log("\nデモデータを読み込みました。次のアカウントでサインインできます（パスワードは共通）:");
  for (const u of users) console.log(`  ${u.email.padEnd(28)} ${u.roles.map((r) => ROLE_LABELS[r]).join("・")}`);
  console.log(`  パスワード: ${DEMO_PASSWORD}\n`);
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const app = await createApp();
app.listen(port, host, () => {
  console.log(`協働マッチングポータル: http://localhost:${port}  (${engine()}: ${engine() === "sqlite" ? databaseUrl() : "PostgreSQL"})`);
});
