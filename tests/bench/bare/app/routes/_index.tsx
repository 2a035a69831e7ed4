// The bare app's only route: a heading and a paragraph, no loader.
export default function Index() {
  return (
    <main>
      <h1>Bare Remix</h1>
      <p>The framework's own speed: one route, the root layout, no data.</p>
    </main>
  );
}
