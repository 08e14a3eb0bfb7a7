/** The objection queue by deadline, overdue marked (decider, operator). */
export function ObjectionsPage() {
  return <h1>ObjectionsPage</h1>;
}
