/** Proposed and noticed list entries, notice countdown in working days, decisions (decider). */
export function ProposalsPage() {
  return <h1>ProposalsPage</h1>;
}
