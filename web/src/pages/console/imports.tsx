/** Upload an import file, follow its progress, download its error report (furnisher). */
export function ImportsPage() {
  return <h1>ImportsPage</h1>;
}
