/** The repair queue by deadline, overdue marked (operator, decider). */
export function RepairsPage() {
  return <h1>RepairsPage</h1>;
}
