/** Submit a record through a form generated from the catalog (furnisher). */
export function FurnishPage() {
  return <h1>FurnishPage</h1>;
}
