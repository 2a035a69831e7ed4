// The recovery codes as shown once, after setting up two-step sign-in or asking for new codes.
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading">リカバリーコード</h2>
      <p>
        スマートフォンをなくしたときに、確認コードの代わりに使えます。各コードは一度だけ使えます。
        <strong>この画面を離れると二度と表示されません。</strong>印刷するか、パスワード管理ツールなど安全な場所に保存してください。
      </p>
      <ol className="recovery-codes" aria-label="リカバリーコード（10個）">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
