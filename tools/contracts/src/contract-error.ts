/** Every problem found in one pass, each naming its file and place, so a change is fixed at once. */
export class ContractError extends Error {
  constructor(
    readonly problems: readonly string[],
    title = 'Contract problems',
  ) {
    super(`${title}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ContractError';
  }
}
