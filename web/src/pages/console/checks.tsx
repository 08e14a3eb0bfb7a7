/** Single and batch measure checks (implementer). */
export function ChecksPage() {
  return <h1>ChecksPage</h1>;
}
